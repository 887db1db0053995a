"use client";

import { cloneElement, isValidElement, useEffect, useId, type ReactElement, type ReactNode } from "react";
import { Button } from "./button";

interface ConfirmDialogProps {
  /** The button that opens the dialog; leave it out and pass `open` to open it from code (e.g. after checking the form). */
  trigger?: ReactElement<{ onClick?: () => void; type?: string; "aria-haspopup"?: "dialog" }>;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** The form the confirm button submits: the action runs only after confirming. */
  formId: string;
  tone?: "danger" | "primary";
}

/**
 * Confirmation before a destructive or money-moving action, on the browser's own modal <dialog>
 * (as the phone menu): showModal makes the page behind it inert and moves focus to its first
 * button (Cancel), Escape cancels, and closing returns focus to what opened it; no dialog library
 * ships with every form. role="alertdialog": it asks, and a click on the backdrop does not dismiss it.
 */
export function ConfirmDialog({ trigger, open, onOpenChange, title, description, confirmLabel, formId, tone = "danger" }: ConfirmDialogProps) {
  const dialogId = useId();
  // Found by id in the handlers: the trigger is cloned with one, and a ref read there is flagged as read during render.
  const dialog = () => document.getElementById(dialogId) as HTMLDialogElement | null;
  const titleId = useId();
  const descriptionId = useId();

  // Opened from code: follow `open`. (Escape or a button closes it; onClose reports that back.)
  useEffect(() => {
    const element = dialog();
    if (!element || open === undefined) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `dialog` only looks the element up by its stable id
  }, [open]);

  const show = () => {
    dialog()?.showModal();
    onOpenChange?.(true);
  };
  const hide = () => dialog()?.close();
  const confirm = () => {
    (document.getElementById(formId) as HTMLFormElement | null)?.requestSubmit();
    hide();
  };

  return (
    <>
      {/* The trigger may sit inside another form: type="button" keeps it from submitting that form. */}
      {isValidElement(trigger) && cloneElement(trigger, { type: "button", "aria-haspopup": "dialog", onClick: show })}
      <dialog
        id={dialogId}
        role="alertdialog"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        onClose={() => onOpenChange?.(false)}
        className="m-auto w-[min(92vw,28rem)] rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div id={descriptionId} className="mt-2 text-sm text-slate-600">
          {description}
        </div>
        <div className="mt-6 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={hide}>
            Cancel
          </Button>
          <Button type="button" variant={tone} onClick={confirm}>
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}

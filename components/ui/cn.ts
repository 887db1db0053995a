import { clsx, type ClassValue } from "clsx";

/**
 * Joins class names. No tailwind-merge (it would ship ~8 KB gzip of class tables to every page):
 * a component's `className` adds utilities, it never overrides its own. An alternative look is a
 * variant (buttonVariants' "dangerGhost", NativeSelect's `compact`), not a conflicting class.
 */
export function cn(...inputs: ClassValue[]) {
  return clsx(inputs);
}

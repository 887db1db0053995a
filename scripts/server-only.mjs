import { register } from "node:module";

register("data:text/javascript," + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return next(specifier, context);
}`));

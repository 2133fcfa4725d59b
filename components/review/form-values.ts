/** An empty select, radio group or text box reads as "not given" (undefined), as the shared schemas expect. */
export const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

// Keys typed into the panels' own controls are theirs: the viewer's shortcuts leave them alone.
export function isFormControl(e: Event): boolean {
  const origin = e.composedPath()[0];
  return (
    origin instanceof HTMLInputElement ||
    origin instanceof HTMLSelectElement ||
    origin instanceof HTMLButtonElement ||
    origin instanceof HTMLTextAreaElement
  );
}

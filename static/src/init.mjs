// Start GOV.UK Frontend's components (service navigation menu, error summary focus...).
import { initAll } from "./govuk-frontend.min.js";

initAll();

// GOV.UK Frontend marks a radio that reveals a follow-up question with aria-expanded, which ARIA
// does not allow on a radio (axe: aria-allowed-attr, critical). The revealed question follows the
// radio in reading order and aria-controls still names it, so the attribute is taken off whenever
// it is put on.
const radioExpanded = 'input[type="radio"][aria-expanded]';
document.querySelectorAll(radioExpanded).forEach((radio) => radio.removeAttribute("aria-expanded"));
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target.matches?.(radioExpanded)) change.target.removeAttribute("aria-expanded");
  }
}).observe(document.body, { attributes: true, attributeFilter: ["aria-expanded"], subtree: true });

// A form sent back with errors: focus its summary, so keyboard and screen-reader users start from the list of
// what to fix (each item links to its field). Without JavaScript the summary is still first in the form.
const summary = document.querySelector(".error-summary");
if (summary) {
  summary.focus();
}

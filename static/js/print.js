// Buttons marked data-print open the browser's print dialog (the certificate's "Tulosta" button).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

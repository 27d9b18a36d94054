// A button marked data-print prints the page. An inline onclick would be refused by the Content-Security-Policy.
document.addEventListener("click", event => {
    if (event.target instanceof Element && event.target.closest("[data-print]")) {
        window.print();
    }
});

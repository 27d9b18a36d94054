// Enter in a table editor's cell moves to the same column of the next row (Shift+Enter: the row above), as in a
// spreadsheet; Tab already moves along the row. Textareas keep Enter for new lines.
document.addEventListener("keydown", event => {
    const input = event.target;
    if (event.key !== "Enter" || !(input instanceof HTMLInputElement) || !input.classList.contains("cell-input")) {
        return;
    }

    const cell = input.closest("td");
    const row = cell?.closest("tr");
    if (!cell || !row || !row.closest(".content-grid")) {
        return;
    }

    event.preventDefault();
    input.dispatchEvent(new Event("change", { bubbles: true }));
    const column = Array.from(row.children).indexOf(cell);
    let next = event.shiftKey ? row.previousElementSibling : row.nextElementSibling;
    while (next) {
        const target = next.children[column]?.querySelector("input.cell-input, select.cell-input");
        if (target) {
            target.focus();
            if (target instanceof HTMLInputElement) {
                target.select();
            }
            return;
        }
        next = event.shiftKey ? next.previousElementSibling : next.nextElementSibling;
    }
});

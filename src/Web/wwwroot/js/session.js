// Work inside a Blazor circuit makes no HTTP request, so the session cookie would not slide while someone types for half
// an hour. While the person types or clicks, ask the server every few minutes; an idle page asks nothing and times out.
(() => {
    const every = 4 * 60 * 1000;
    let last = Date.now();
    const ping = () => {
        if (Date.now() - last < every) {
            return;
        }
        last = Date.now();
        fetch("/api/auth/session", { credentials: "same-origin", cache: "no-store" }).catch(() => { });
    };
    for (const kind of ["keydown", "pointerdown"]) {
        document.addEventListener(kind, ping, { passive: true, capture: true });
    }
})();

// Dark mode is remembered per browser, in local storage and in a cookie the server reads to render the first paint
// in the chosen theme (Layout/ThemeCookie.cs).
const rememberDark = (dark) => {
    document.cookie = `configadmin.dark=${dark ? "true" : "false"}; path=/; max-age=31536000; samesite=lax`;
};
window.configAdmin = {
    getDarkMode: () => {
        const stored = localStorage.getItem("configadmin.dark");
        const dark = stored === null ? document.cookie.split("; ").includes("configadmin.dark=true") : stored === "true";
        rememberDark(dark);
        return dark;
    },
    setDarkMode: (dark) => {
        localStorage.setItem("configadmin.dark", dark ? "true" : "false");
        rememberDark(dark);
    },
    copy: (text) => navigator.clipboard.writeText(text),
    // The text mode's editor, read only when asked and streamed back: typing sends nothing, and no size limit of the
    // circuit's messages applies.
    readText: (element) => new TextEncoder().encode(element.value),
    // Saves a file the circuit streamed over: the export never leaves the signed-in connection.
    download: async (fileName, mediaType, streamRef) => {
        const url = URL.createObjectURL(new Blob([await streamRef.arrayBuffer()], { type: mediaType }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
    },
};

// The reconnect dialog's Reload button: wired here, not inline, because the content security policy allows no inline script.
document.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("[data-reload]")) location.reload();
});

// ARIA tabs (the application page): the arrow keys, Home and End move focus along the tab list; Enter or Space opens.
document.addEventListener("keydown", (e) => {
    const tab = e.target instanceof Element ? e.target.closest("[role=tablist] > [role=tab]") : null;
    if (!tab || !["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
    const tabs = [...tab.parentElement.querySelectorAll(":scope > [role=tab]")];
    const at = tabs.indexOf(tab);
    const to = e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1
        : (at + (e.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
    tabs[to].focus();
    e.preventDefault();
});

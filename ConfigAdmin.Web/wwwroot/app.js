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
    // The environments the keys grid leaves out (EnvironmentColumns), the same for every application.
    getHiddenColumns: () => {
        try {
            const names = JSON.parse(localStorage.getItem("configadmin.hiddenEnvironments") || "[]");
            return Array.isArray(names) ? names.filter(n => typeof n === "string") : [];
        } catch { return []; }
    },
    setHiddenColumns: (names) => localStorage.setItem("configadmin.hiddenEnvironments", JSON.stringify(names)),
    // The text mode's editor, read only when asked and streamed back: typing sends nothing, and no size limit of the
    // circuit's messages applies.
    readText: (element) => new TextEncoder().encode(element.value),
    // A value editor's paste that its maxlength would cut is refused whole, and the editor says why (ValueEditor).
    guardPaste: (box, editor) => box.addEventListener("paste", (e) => {
        const field = e.target;
        if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) || field.maxLength <= 0) return;
        const pasted = e.clipboardData?.getData("text") ?? "";
        const start = field.selectionStart ?? field.value.length, end = field.selectionEnd ?? start;
        const result = field.value.slice(0, start) + pasted + field.value.slice(end);
        if (result.length <= field.maxLength) return;
        e.preventDefault();
        editor.invokeMethodAsync("PasteRefused", new TextEncoder().encode(result).length);
    }),
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

// Blazor starts here (autostart is off in App.razor) to set how a lost circuit retries. The default tries ten times at
// once, then every 5 s, then every 30 s: after a server restart, which takes a few seconds, an admin looked at
// "Connection lost" for up to half a minute before learning that a reload was needed. Once a second for the
// first two minutes, then every 5 s, and "Could not reconnect" after about nine minutes: an attempt against a server
// that is down is one refused connection, and a team has few admins.
Blazor.start({
    circuit: {
        reconnectionOptions: {
            maxRetries: 200,
            retryIntervalMilliseconds: (previousAttempts) => previousAttempts < 120 ? 1000 : 5000,
        },
    },
});

// The reconnect dialog's Reload button: wired here, not inline, because the content security policy allows no inline script.
document.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("[data-reload]")) location.reload();
});

// ARIA tabs (MudTabs on the application page): MudTabs moves along the tabs with the arrow keys; Home and End, which
// the ARIA tabs pattern also asks for, go to the first and the last tab here.
document.addEventListener("keydown", (e) => {
    if (e.key !== "Home" && e.key !== "End") return;
    const tab = e.target instanceof Element ? e.target.closest("[role=tablist] [role=tab]") : null;
    if (!tab) return;
    const tabs = [...tab.closest("[role=tablist]").querySelectorAll("[role=tab]")];
    tabs[e.key === "Home" ? 0 : tabs.length - 1].focus();
    e.preventDefault();
});

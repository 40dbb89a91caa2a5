// Dark mode is remembered per browser.
window.configAdmin = {
    getDarkMode: () => localStorage.getItem("configadmin.dark") === "true",
    setDarkMode: (dark) => localStorage.setItem("configadmin.dark", dark ? "true" : "false"),
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

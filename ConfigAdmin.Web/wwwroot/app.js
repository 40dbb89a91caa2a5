// Dark mode is remembered per browser.
window.configAdmin = {
    getDarkMode: () => localStorage.getItem("configadmin.dark") === "true",
    setDarkMode: (dark) => localStorage.setItem("configadmin.dark", dark ? "true" : "false"),
    copy: (text) => navigator.clipboard.writeText(text),
};

// The reconnect dialog's Reload button: wired here, not inline, because the content security policy allows no inline script.
document.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("[data-reload]")) location.reload();
});

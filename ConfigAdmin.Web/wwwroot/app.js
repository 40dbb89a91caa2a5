// Dark mode is remembered per browser.
window.configAdmin = {
    getDarkMode: () => localStorage.getItem("configadmin.dark") === "true",
    setDarkMode: (dark) => localStorage.setItem("configadmin.dark", dark ? "true" : "false"),
    copy: (text) => navigator.clipboard.writeText(text),
};

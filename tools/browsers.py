"""The one place that starts a browser, for the e2e tests and the bench: Debian's Chromium through Selenium and
Firefox ESR through marionette_driver (geckodriver is not packaged for Debian; Firefox speaks Marionette itself).

Nothing here downloads a browser or a driver: the paths are Debian's. Every browser gets a fresh, throwaway
profile (chromedriver makes one per session; Firefox gets a temporary directory), so each start is a cold start.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
INSTALL_HINT = "apt-get install chromium chromium-driver firefox-esr"

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--window-size=1280,1000",
    # Keep timers and rendering at full speed while a window is not focused.
    "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
)
# Preferences of every Firefox profile made here: no update, telemetry or connectivity checks.
FIREFOX_PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False,
    "app.update.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "extensions.update.enabled": False,
    "browser.startup.homepage_override.mstone": "ignore",
}
# Downloads (Download for Python, Save as HTML) go without asking to `client.download_dir`, inside the profile.
FIREFOX_DOWNLOAD_PREFS = {
    "browser.download.folderList": 2,
    "browser.download.useDownloadDir": True,
    "browser.download.always_ask_before_handling_new_types": False,
    "browser.helperApps.neverAsk.saveToDisk": "application/zip,text/html",
}


class BrowserMissing(RuntimeError):
    """A browser or driver binary is not installed; the message says what to install."""


CHROMIUM_PACKAGES = ("chromium", "chromium-driver")


def chromium_missing() -> list[str]:
    """The Chromium binaries (browser, driver) that are not installed; empty when both are."""
    return [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]


def require_chromium() -> None:
    """Raise BrowserMissing, naming what to install, unless Chromium and chromedriver are installed."""
    if missing := chromium_missing():
        install = " ".join(CHROMIUM_PACKAGES)
        raise BrowserMissing(f"{' and '.join(missing)} missing: run `sudo apt-get install {install}`")


def start_chromium(extra_flags=(), performance_log=False):
    """A headless Chromium (Selenium WebDriver) on a fresh profile. With `performance_log`, Chromium's DevTools
    network/performance events and the console are kept for `driver.get_log("performance" | "browser")`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    require_chromium()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, *extra_flags):
        options.add_argument(flag)
    if performance_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def firefox(page_load_timeout=120, script_timeout=300):
    """Yields a marionette_driver client of a headless Firefox ESR on a fresh temporary profile; the browser
    and the profile are gone afterwards, whatever happened."""
    if FIREFOX is None:
        raise BrowserMissing("firefox-esr not installed: run `sudo apt-get install firefox-esr`")
    from marionette_driver.marionette import Marionette

    profile = tempfile.mkdtemp(prefix="colornet-firefox-")
    port = _free_port()
    downloads = os.path.join(profile, "downloads")
    os.mkdir(downloads)
    prefs = {**FIREFOX_PREFS, **FIREFOX_DOWNLOAD_PREFS, "browser.download.dir": downloads, "marionette.port": port}
    with open(os.path.join(profile, "user.js"), "w") as f:
        for key, value in prefs.items():
            f.write(f"user_pref({json.dumps(key)}, {json.dumps(value)});\n")
    process = subprocess.Popen([FIREFOX, "--headless", "--marionette", "--no-remote", "--profile", profile],
                               env={**os.environ, "MOZ_HEADLESS": "1"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = Marionette(host="127.0.0.1", port=port)
    client.DEFAULT_STARTUP_TIMEOUT = 60
    try:
        client.start_session()
        client.download_dir = downloads
        client.timeout.page_load = page_load_timeout
        client.timeout.script = script_timeout
        yield client
    finally:
        with contextlib.suppress(Exception):
            client.delete_session()
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)


# WebKitGTK (Safari's engine: WebCore + JavaScriptCore), Debian's `webkit2gtk-driver`: WebKitWebDriver starts the
# MiniBrowser of libwebkit2gtk with --automation. MiniBrowser needs an X display: a private Xvfb per browser.
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER_CANDIDATES = ("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                          "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser",
                          "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
XVFB = shutil.which("Xvfb")
WEBKIT_PACKAGES = ("webkit2gtk-driver", "xvfb")
WEBKIT_INSTALL_HINT = f"apt-get install {' '.join(WEBKIT_PACKAGES)}"


def minibrowser() -> str | None:
    """The MiniBrowser binary of Debian's libwebkit2gtk, or None."""
    return next((p for p in MINIBROWSER_CANDIDATES if Path(p).exists()), None)


def webkitgtk_missing() -> str | None:
    """None when WebKitGTK can be driven here, else the sentence saying what is missing and how to install it."""
    missing = [name for name, ok in (("WebKitWebDriver", Path(WEBKIT_DRIVER).exists()),
                                     ("MiniBrowser", minibrowser() is not None), ("Xvfb", XVFB is not None)) if not ok]
    return f"{' and '.join(missing)} missing: run `sudo {WEBKIT_INSTALL_HINT}`" if missing else None


@contextlib.contextmanager
def _xvfb():
    """A private Xvfb on the first free display (it picks the number itself: -displayfd); yields ':N'."""
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen([XVFB, "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                               pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise BrowserMissing(f"Xvfb did not start (exit status {process.poll()})")
        yield f":{number}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def webkitgtk(lang="en_US.UTF-8", page_load_timeout=120, script_timeout=300):
    """Yields a Selenium WebDriver of WebKitGTK's MiniBrowser (--automation: an ephemeral profile) on a private
    Xvfb, with a fresh temporary HOME, where its downloads land without asking (`driver.download_dir`); browser,
    driver, display and HOME are gone afterwards. `lang` is the process locale (LANG; None: no locale variable at
    all), which WebKit hands to the page as navigator.language (with none set it is "C")."""
    problem = webkitgtk_missing()
    if problem:
        raise BrowserMissing(problem)
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.service import Service

    home = tempfile.mkdtemp(prefix="colornet-webkit-")
    try:
        with _xvfb() as display:
            env = {key: value for key, value in os.environ.items()
                   if key not in ("WAYLAND_DISPLAY", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
            env.update({"DISPLAY": display, "HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"),
                        "XDG_CACHE_HOME": os.path.join(home, ".cache"), "XDG_DATA_HOME": os.path.join(home, ".local"),
                        **({"LANG": lang} if lang else {})})
            options = webdriver.WebKitGTKOptions()
            options.binary_location = minibrowser()
            options.add_argument("--automation")
            driver = webdriver.WebKitGTK(options=options, service=Service(WEBKIT_DRIVER, env=env))
            driver.download_dir = home
            try:
                driver.set_page_load_timeout(page_load_timeout)
                driver.set_script_timeout(script_timeout)
                driver.set_window_size(1280, 1000)
                yield driver
            finally:
                with contextlib.suppress(Exception):
                    driver.quit()
    finally:
        shutil.rmtree(home, ignore_errors=True)

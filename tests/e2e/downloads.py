"""Real downloads in headless Chromium: send them to a folder (DevTools' Browser.setDownloadBehavior) and wait
for a finished file (Chromium writes NAME.crdownload first, then renames it)."""
from pathlib import Path

from helpers.wait import poll


def download_dir(browser, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    return folder


def wait_for_download(folder: Path, name: str, timeout=60, partial=".crdownload", min_bytes=1) -> Path:
    """folder/name once it is complete: at least `min_bytes`, and no `folder/*{partial}` file left (Chromium
    writes NAME.crdownload, Firefox NAME.part)."""
    target = folder / name
    poll(lambda: sorted(p.name for p in folder.iterdir()),
         lambda names: name in names and not any(n.endswith(partial) for n in names)
         and target.stat().st_size >= min_bytes, timeout, f"the download of {name}", interval=0.1)
    return target

"""Zero network: the Content-Security-Policy forbids connections (from file:// too), and user code that tries
pyodide.http.pyfetch, js.fetch or an XMLHttpRequest gets a clear error instead of a request."""
import re

import pytest
from helpers.chromium import network_requests
from helpers.page import js

OUTSIDE = "https://example.com/colornet-probe.json"


def csp_directives(browser):
    content = browser.execute_script(
        "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); return m && m.content;")
    assert content, "the page carries no Content-Security-Policy meta tag"
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in content.split(";")) if d}


def run_python(browser, code):
    """[ok, value] of running `code` in the worker (value: the error's message if not ok)."""
    return js(browser, """
        try { return [true, await window.colornetRuntime.call('eval', {code: args[0]})]; }
        catch (e) { return [false, String(e.message || e)]; }
    """, code)


def test_file_page_is_a_secure_context_so_hashes_use_webcrypto(browser, open_page, site_file_url):
    open_page(site_file_url)
    assert browser.execute_script("return [window.isSecureContext, !!(crypto && crypto.subtle)]") == [True, True]


def test_csp_forbids_every_network_destination(browser, open_page, site_file_url):
    open_page(site_file_url)
    csp = csp_directives(browser)
    assert csp.get("connect-src") == ["'none'"]
    for directive, sources in csp.items():
        for source in sources:
            assert not re.match(r"^(\*|https?:|wss?:|ftp:|[a-z0-9.-]+\.[a-z]{2,})", source), (directive, source)
    assert "'unsafe-eval'" not in csp.get("script-src", [])


def test_csp_blocks_a_direct_fetch_on_the_page(browser, open_page, site_file_url):
    open_page(site_file_url)
    network_requests(browser)
    ok, detail = js(browser, """
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
        try { await fetch(args[0]); return [true, 'fetched']; }
        catch (e) { await sleep(100); return [false, violations.join(',') + ' ' + e.message]; }
    """, OUTSIDE)
    assert not ok
    assert "connect-src" in detail
    assert network_requests(browser) == []  # blocked before any request existed


@pytest.mark.parametrize("code", [
    f"from pyodide.http import pyfetch\nawait pyfetch({OUTSIDE!r})",
    f"import js\nawait js.fetch({OUTSIDE!r})",
    f"from pyodide.http import open_url\nopen_url({OUTSIDE!r})",
], ids=["pyfetch", "js.fetch", "open_url-xhr"])
def test_user_code_network_attempts_fail_clearly(browser, open_page, site_file_url, code):
    open_page(site_file_url)
    network_requests(browser)
    ok, message = run_python(browser, code)
    assert not ok
    assert "Network access is disabled in the colornet playground" in message
    assert OUTSIDE in message
    assert network_requests(browser) == []

"""Every Run starts clean (issue 8, item 6): a fresh namespace and a fresh `playground` object, glue that user code
cannot break, background tasks that end with their run, a one-line status pill, and a Restart Python control that
keeps the code and the model."""
from playground_driver import (by_testid, js, open_ready, output_text, run_to_end, short_training, start_run, state,
                               wait_for)


def status_text(browser):
    return by_testid(browser, "status").text


def assert_one_short_line(text):
    assert "\n" not in text and len(text) <= 100, f"the status pill must be one short line, got {text!r}"


def test_patched_report_does_not_leak_into_the_next_run(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    first = run_to_end(browser, "playground.report = lambda p: True\nplayground.seed = 99\nleaked = 1\n")
    assert first["status"] == "ready", output_text(browser)
    final = run_to_end(browser, short_training(steps=50, extra="print('seed', playground.seed, "
                                                               "'leaked' in globals())\n"))
    out = output_text(browser)
    assert final["status"] == "ready", out
    assert final["step"] == 50 and "done 50" in out, "a report patched by the previous run must not stop this one"
    assert "seed 0 False" in out, out


def test_replaced_library_functions_do_not_break_the_next_run(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    first = run_to_end(browser, "import json\njson.dumps = None\n")
    assert_one_short_line(status_text(browser))
    assert first["status"] == "ready", output_text(browser)
    assert "Put back what this run replaced: json.dumps" in output_text(browser)
    sabotage = ("import json, sys, builtins, numpy, colornet\n"
                "json.loads = None\nnumpy.clip = None\ncolornet.train_async = None\n"
                "colornet.to_hex = None\nbuiltins.len = None\nsys.stdout = None\nsys.excepthook = None\n")
    second = run_to_end(browser, sabotage)
    assert_one_short_line(status_text(browser))
    assert second["status"] == "ready", output_text(browser)
    final = run_to_end(browser, short_training(steps=50))
    out = output_text(browser)
    assert final["status"] == "ready", out
    assert final["step"] == 50 and "done 50" in out
    assert final["probe"]["predicted"] is not None and final["probe"]["predicted"].startswith("#")


def test_background_tasks_end_with_their_run(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    code = short_training(steps=10**7, report_every=10).replace(
        "result = await cn.train_async(", "task = asyncio.ensure_future(cn.train_async(").replace(
        "callback=playground.report)", "callback=playground.report))")
    code = ("import asyncio\n"
            "async def ticker():\n"
            "    i = 0\n"
            "    while True:\n"
            "        print('tick', i)\n"
            "        i += 1\n"
            "        await asyncio.sleep(0.05)\n"
            "asyncio.ensure_future(ticker())\n" + code.replace('print("done", result.steps, result.cost)',
                                                             "await asyncio.sleep(0.5)\nprint('main done')"))
    final = run_to_end(browser, code)
    assert final["status"] == "ready", output_text(browser)
    js(browser, "window.__events = 0; window.colornetRuntime.on('progress', () => window.__events++);")
    before = output_text(browser)
    js(browser, "await sleep(1000);")
    after = output_text(browser)
    events = js(browser, "return window.__events;")
    assert "main done" in before and "tick" in before
    assert after.count("tick") == before.count("tick"), "a task the run started kept printing after it ended"
    assert events == 0, f"a training task the run started kept reporting after it ended ({events} events)"
    assert "2 background tasks" in after, after[-500:]
    assert by_testid(browser, "run").is_enabled() and not by_testid(browser, "stop").is_enabled()


def test_restart_python_keeps_code_and_model(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    code = short_training(steps=300, extra="import sys\nsys.marker = 'old interpreter'\n")
    trained = run_to_end(browser, code)
    assert trained["status"] == "ready" and trained["hasModel"]
    predicted = trained["probe"]["predicted"]
    by_testid(browser, "restart").click()
    s = wait_for(browser, "s.restartMs !== null && s.status !== 'loading'", timeout=30, what="Python restarted")
    out = output_text(browser)
    assert s["status"] == "ready", out
    assert js(browser, "return window.playground.getCode();") == code
    assert s["hasModel"] and s["probe"]["predicted"] == predicted, (s["probe"], predicted)
    assert "Python restarted" in out and "model" in out, out
    final = run_to_end(browser, "import sys\nprint('marker', getattr(sys, 'marker', None))\n")
    assert "marker None" in output_text(browser), "Restart Python must give a fresh interpreter"
    assert final["status"] == "ready"


def test_stop_between_run_and_python_start_is_kept(browser, open_page, site_file_url):
    open_ready(browser, open_page, site_file_url)
    js(browser, "window.playground.setCode(args[0]);", short_training(steps=100_000))
    js(browser, "window.__run = window.playground.run(); window.playground.stop();")
    result = js(browser, "return await window.__run;", timeout=60)
    s = state(browser)
    assert result is not None and result["stopped"] is True, (result, output_text(browser))
    assert s["status"] == "stopped" and s["restartMs"] is None
    assert result["step"] == 0, "the stop pressed before Python started must stop at the first report"
    start_run(browser, short_training(steps=50))
    final = wait_for(browser, "s.status !== 'training'", what="the next run")
    assert final["status"] == "ready" and final["step"] == 50, "the stop must not leak into the next run"


def test_kernel_choice_does_not_leak_into_the_next_run(browser, open_page, site_file_url):
    """`cn.kernels.use("numpy")` holds for its own run only: the next run uses the kernels the boot line names."""
    open_ready(browser, open_page, site_file_url)
    booted = js(browser, "return window.colornetRuntime.info.kernels.active;")
    assert booted == "wasm-simd", f"this test needs the SIMD kernels active at boot, got {booted!r}"
    run_to_end(browser, "cn.kernels.use('numpy')\nprint('first run uses', cn.kernels.active().name)\n")
    assert "first run uses numpy" in output_text(browser)
    assert "colornet.kernels.use" in output_text(browser), "the page must say it put the boot's kernels back"
    final = run_to_end(browser, "print('second run uses', cn.kernels.active().name)\n")
    assert final["status"] == "ready", output_text(browser)
    assert f"second run uses {booted}" in output_text(browser), output_text(browser)

#!/usr/bin/python3
"""The HTML report in a real browser: headless Chromium (Debian's chromium, chromium-driver and
python3-selenium) opens pages written by `transferscore report` from disk and checks them.

  1. The quickstart's sample data, scored with --keep-response as tools/quickstart does: every
     number of the scores, family-metrics, indices and gains tables against
     `aggregate --format json` and `transfer --format json` of the same verdicts; the verdict
     count; a filter (model and status) and a search against counts made here from the verdict
     files; a record opened, with its extracted answer highlighted in the response, its gold,
     mode and trace policy; a screenshot (--screenshot PATH, else in the work folder).
  2. Hostile verdicts: a response and a gold holding </script>, <!--, <script> and markup stay
     text (no script runs, no element is made), and a long response is cut with a marker that
     leaves the answer in view.
  3. A page with a diff section (`report --diff A B`, the diff fixtures of tests/data/diff):
     every total shown against `diff A B --format json` of the same files, the patterns and
     their counts, a record opened in the verdict browser from its pattern; and a diff of the
     hostile verdicts against a copy whose answers are markup: no script runs, no element is made.
  On every page: no console message of level SEVERE, and no request but the page itself.

Exit 0 when all checks pass, 1 on a failure, and 0 with "SKIPPED: ..." when Chromium,
chromium-driver or selenium is not installed.

  /usr/bin/python3 tests/report/browser_test.py --cli build/examples/transferscore --work /tmp/w
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]
STATUSES = ["ok", "no_answer", "unterminated_trace", "malformed_record", "budget_exceeded", "runtime_error"]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message)
    return condition


def run(args, **kwargs):
    result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit("command failed (%d): %s\n%s" % (result.returncode, " ".join(args), result.stderr))
    return result


def read_verdicts(paths):
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            out.extend(json.loads(line) for line in f if line.strip())
    return out


# --- the inputs ---------------------------------------------------------------------------

def score_quickstart(cli, source, out):
    """The sample verdicts, scored by the script tools/quickstart scores them with."""
    run([os.path.join(source, "tools", "score-sample"), os.path.abspath(cli), out])
    return sorted(glob.glob(os.path.join(out, "*.jsonl")))


HOSTILE_RESPONSE = ("Before </script><script>window.__pwned = 1;</script> and <!-- a comment <script> "
                    "<img src=x onerror=\"window.__pwned = 2\"> &amp; &lt; \u2028 \U0001F600 then the answer: $\\boxed{7}$")
HOSTILE_GOLD = "7</script><!--"
LONG_FILLER = "lorem ipsum dolor sit amet " * 400  # 10,800 characters


def score_hostile(cli, out):
    records = [
        {"id": "hostile-1", "benchmark": "hostile", "model": "m", "response": HOSTILE_RESPONSE,
         "reference": {"answer": "7", "note": HOSTILE_GOLD}},
        {"id": "long-1", "benchmark": "hostile", "model": "m",
         "response": "<think>" + LONG_FILLER + "</think>" + LONG_FILLER + " so the answer is $\\boxed{42}$. " + LONG_FILLER,
         "reference": {"answer": "42"}},
    ]
    inputs = os.path.join(out, "hostile-records.jsonl")
    with open(inputs, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
    verdicts = os.path.join(out, "hostile.jsonl")
    run([cli, "score", "-q", "--keep-response", "--scorer", "math", inputs, "-o", verdicts])
    return [verdicts]


# --- the browser --------------------------------------------------------------------------

def start_browser(profile):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS + ["--user-data-dir=" + profile, "--window-size=1280,1500"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=options)


def open_page(driver, path):
    """Opens a page from disk; returns the URLs it requested (there should be only itself)."""
    driver.get_log("performance")  # what the browser did before (its start page) is not the page's
    driver.get_log("browser")
    url = "file://" + os.path.abspath(path)
    driver.get(url)
    return url


def requests_and_errors(driver, url):
    """Requests the page made besides loading itself, and any request that would leave the
    machine whoever made it (the browser's own start page loads chrome:// resources: those
    are not the page's and not the network)."""
    others = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] != "Network.requestWillBeSent":
            continue
        request = message["params"]["request"]["url"]
        by_page = message["params"].get("documentURL") == url
        internal = request.split(":", 1)[0] in ("chrome", "chrome-untrusted", "devtools", "data")
        if (by_page and request != url) or not (internal or request == url):
            others.append(request)
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    return others, severe


def check_clean(driver, url, what):
    others, severe = requests_and_errors(driver, url)
    check(not others, "%s: requests other than the page itself: %s" % (what, others[:5]))
    check(not severe, "%s: console errors: %s" % (what, severe[:5]))


def text(element):
    return element.get_attribute("textContent").strip()


# --- the numbers --------------------------------------------------------------------------

def fixed(v, decimals, sign=False):
    if v is None:
        return "n/a"
    s = ("%+.*f" if sign else "%.*f") % (decimals, v)
    if s.lstrip("+-").strip("0.") == "":  # no "-0.0" and no "+0.0", as the report writes zero
        s = s.lstrip("+-")
    return s


def with_ci(v, ci, scale, sign=False):
    if v is None:
        return "n/a"
    s = fixed(v * scale, 1, sign)
    if ci:
        s += " [%s, %s]" % (fixed(ci[0] * scale, 1), fixed(ci[1] * scale, 1))
    return s


def cells(row):
    return {c.get_attribute("data-field"): text(c) for c in row.find_elements("css selector", "td[data-field]")}


def check_scores(driver, aggregate):
    from selenium.webdriver.common.by import By
    results = {(r["model"], r["benchmark"]): r for r in aggregate["results"]}
    rows = driver.find_elements(By.CSS_SELECTOR, "#scores-table tbody tr")
    check(len(rows) == len(results), "scores table: %d rows, the JSON report has %d" % (len(rows), len(results)))
    compared = 0
    for row in rows:
        key = (row.get_attribute("data-model"), row.get_attribute("data-benchmark"))
        r = results.get(key)
        if not check(r is not None, "scores table: %s is not in the JSON report" % (key,)):
            continue
        c = cells(row)
        spi = r["samples_per_item"]
        expect = {
            "items": str(r["items"]),
            "samples": str(spi["min"]) if spi["min"] == spi["max"] else "%d–%d" % (spi["min"], spi["max"]),
            "score": with_ci(r["score"]["value"], r["score"].get("ci"), 100),
            "se": fixed(r["score"]["se"] * 100, 2) if r["score"].get("se") is not None else "n/a",
        }
        for name, e in list(r["pass@k"].items()) + list(r["maj@k"].items()):
            expect[name] = with_ci(e["value"], e.get("ci"), 100)
        for s in STATUSES:
            if "status:" + s in c or r["statuses"][s] > 0:
                expect["status:" + s] = str(r["statuses"][s])
        for field, value in expect.items():
            check(c.get(field) == value, "scores %s %s: page shows %r, JSON gives %r" % (key, field, c.get(field), value))
            compared += 1
    metric_rows = driver.find_elements(By.CSS_SELECTOR, "#metrics-table tbody tr")
    expected_metrics = sum(len(r["metrics"]) for r in aggregate["results"])
    check(len(metric_rows) == expected_metrics, "metrics table: %d rows, JSON %d" % (len(metric_rows), expected_metrics))
    for row in metric_rows:
        r = results[(row.get_attribute("data-model"), row.get_attribute("data-benchmark"))]
        m = r["metrics"][row.get_attribute("data-metric")]
        c = cells(row)
        check(c["value"] == with_ci(m["value"], m.get("ci"), 100), "metric %s: %r vs %r" % (row.get_attribute("data-metric"), c["value"], m))
        compared += 1
    return compared


def check_transfer(driver, transfer):
    from selenium.webdriver.common.by import By
    compared = 0
    source = transfer["groups"]["source"]
    pairs = {p["model"]: p for p in transfer["pairs"]}
    rows = driver.find_elements(By.CSS_SELECTOR, "#indices-table tbody tr")
    check(len(rows) == sum(len(p["groups"]) for p in transfer["pairs"]), "indices table: row count")
    for row in rows:
        p = pairs[row.get_attribute("data-model")]
        group = row.get_attribute("data-group")
        g = p["groups"][group]
        c = cells(row)
        ci = g.get("ci", {})
        check(c["model_mean"] == with_ci(g["model_mean"], ci.get("model_mean"), 1), "avg %s: %r" % (group, c["model_mean"]))
        check(c["base_mean"] == with_ci(g["base_mean"], ci.get("base_mean"), 1), "base avg %s: %r" % (group, c["base_mean"]))
        compared += 2
        if group == source:
            continue
        if g.get("ti") is None:
            check(c["ti"].startswith("n/a") and g["undefined"] in c["ti"], "TI %s undefined: %r vs %r" % (group, c["ti"], g))
        else:
            check(c["ti"] == with_ci(g["ti"], ci.get("ti"), 1, sign=True), "TI %s: page %r, JSON %r %r" % (group, c["ti"], g["ti"], ci.get("ti")))
        compared += 1
    rows = driver.find_elements(By.CSS_SELECTOR, "#gains-table tbody tr")
    gains = {(p["model"], b["benchmark"]): b for p in transfer["pairs"] for b in p["benchmarks"]}
    check(len(rows) == len(gains), "gains table: row count")
    for row in rows:
        b = gains[(row.get_attribute("data-model"), row.get_attribute("data-benchmark"))]
        c = cells(row)
        check(c["items"] == str(b["shared_items"]), "gain items %s" % b["benchmark"])
        check(c["model"] == with_ci(b["model"], b["ci"]["model"], 1), "gain model score %s: %r" % (b["benchmark"], c["model"]))
        check(c["base"] == with_ci(b["base"], b["ci"]["base"], 1), "gain base score %s: %r" % (b["benchmark"], c["base"]))
        check(c["gain"] == with_ci(b["gain"], b["ci"]["gain"], 1, sign=True), "gain %s: page %r, JSON %r" % (b["benchmark"], c["gain"], b["gain"]))
        check(c["relative"] == with_ci(b["relative_gain"], b["ci"]["relative_gain"], 100, sign=True), "relative gain %s" % b["benchmark"])
        compared += 5
    charts = driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")
    check(len(charts) >= len(transfer["pairs"]), "one gain chart per pair at least")
    return compared


# --- the browser's behaviour --------------------------------------------------------------

def choose(driver, select_id, name):
    """Selects the option whose text starts with `name` (options read "name (count)")."""
    from selenium.webdriver.support.ui import Select
    select = Select(driver.find_element("id", select_id))
    for option in select.options:
        if text(option).split(" (")[0] == name:
            select.select_by_value(option.get_attribute("value"))
            return
    raise AssertionError("no option %r in %s" % (name, select_id))


def match_count(driver):
    return text(driver.find_element("id", "match-count"))


def search(driver, term):
    box = driver.find_element("id", "f-search")
    box.clear()
    box.send_keys(term)
    time.sleep(0.5)  # the search waits for typing to pause


def check_quickstart_browser(driver, verdicts):
    from selenium.webdriver.common.by import By
    total = len(verdicts)
    check(text(driver.find_element("id", "verdict-count")) == str(total), "header verdict count")
    check(match_count(driver) == "%d verdicts" % total, "browser count %r, files hold %d" % (match_count(driver), total))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#verdict-rows tr")) == min(50, total), "first page holds 50 rows")

    # A filter: the fine-tune's unterminated traces.
    choose(driver, "f-model", "qwen3-14b-rl")
    choose(driver, "f-status", "unterminated_trace")
    want = sum(1 for v in verdicts if v["model"] == "qwen3-14b-rl" and v["status"] == "unterminated_trace")
    check(want > 0, "the sample data has unterminated traces of the fine-tune")
    check(match_count(driver) == "%d of %d verdicts match" % (want, total), "filter: %r, expected %d" % (match_count(driver), want))
    shown = driver.find_elements(By.CSS_SELECTOR, "#verdict-rows tr")
    check(len(shown) == want, "filter: %d rows shown" % len(shown))
    for tr in shown:
        tds = tr.find_elements(By.TAG_NAME, "td")
        check(text(tds[1]) == "qwen3-14b-rl" and text(tds[5]) == "unterminated trace", "filtered row: %s" % text(tr))

    # Correctness, then a search that the verdict files answer too.
    driver.find_element("id", "f-reset").click()
    choose(driver, "f-correct", "not correct")
    want = sum(1 for v in verdicts if not v["correct"])
    check(match_count(driver) == "%d of %d verdicts match" % (want, total), "correct filter: %r, expected %d" % (match_count(driver), want))
    driver.find_element("id", "f-reset").click()
    search(driver, "Vieta")
    want = sum(1 for v in verdicts if "vieta" in (v.get("response") or "").lower())
    check(want > 0 and match_count(driver) == "%d of %d verdicts match" % (want, total),
          "search 'Vieta': %r, expected %d" % (match_count(driver), want))

    # A record opened: the fine-tune's first math500 verdict.
    driver.find_element("id", "f-reset").click()
    choose(driver, "f-model", "qwen3-14b-rl")
    choose(driver, "f-benchmark", "math500")
    first = driver.find_element(By.CSS_SELECTOR, "#verdict-rows tr")
    first.click()
    detail = driver.find_element("id", "detail")
    check(detail.is_displayed(), "the detail view opens")
    v = [x for x in verdicts if x["model"] == "qwen3-14b-rl" and x["benchmark"] == "math500"][0]
    facts = {text(dt): text(dd) for dt, dd in zip(detail.find_elements(By.TAG_NAME, "dt"), detail.find_elements(By.TAG_NAME, "dd"))}
    check(facts.get("mode") == v["mode"], "detail mode %r" % facts.get("mode"))
    check(facts.get("trace policy") == v["trace"], "detail trace policy %r" % facts.get("trace policy"))
    check(facts.get("score") == ("%g" % v["score"]), "detail score %r" % facts.get("score"))
    marks = detail.find_elements(By.CSS_SELECTOR, "pre.response mark.answer")
    check(len(marks) == 1 and text(marks[0]) == v["extracted"], "the extracted answer %r is highlighted once" % v["extracted"])
    response = text(detail.find_element(By.CSS_SELECTOR, "pre.response"))
    check(response == v["response"].strip(), "the response is shown whole")
    unscored = detail.find_elements(By.CSS_SELECTOR, "pre.response .unscored")
    check(len(unscored) == 1 and text(unscored[0]).startswith("<think>"), "the reasoning trace is marked as not scored")
    gold = json.loads(text(detail.find_elements(By.CSS_SELECTOR, "pre.text")[2]))
    check(gold == v["gold"], "detail gold %r, verdict %r" % (gold, v["gold"]))
    details = json.loads(text(detail.find_elements(By.CSS_SELECTOR, "pre.text")[3]))
    check(details == v["details"], "detail details")

    # The next record, through the detail view's own button.
    detail.find_element(By.XPATH, ".//button[contains(., 'next')]").click()
    second = [x for x in verdicts if x["model"] == "qwen3-14b-rl" and x["benchmark"] == "math500"][1]
    check(str(second["id"]) in text(driver.find_element(By.CSS_SELECTOR, "#detail h3")), "next opens the next verdict")


def check_hostile_browser(driver, verdicts):
    from selenium.webdriver.common.by import By
    check(driver.execute_script("return typeof window.__pwned") == "undefined", "no script from the data ran")
    check(len(driver.find_elements(By.TAG_NAME, "script")) == 2, "the page has its two script elements and no more")
    check(len(driver.find_elements(By.CSS_SELECTOR, "img")) == 0, "no element was made from the data")
    search(driver, "</script>")
    check(match_count(driver) == "1 of %d verdicts match" % len(verdicts), "search '</script>': %r" % match_count(driver))
    driver.find_element(By.CSS_SELECTOR, "#verdict-rows tr").click()
    shown = text(driver.find_element(By.CSS_SELECTOR, "#detail pre.response"))
    check(shown == HOSTILE_RESPONSE, "the hostile response is shown as text, unchanged: %r" % shown[:120])
    check(HOSTILE_GOLD in text(driver.find_elements(By.CSS_SELECTOR, "#detail pre.text")[2]), "the hostile gold is shown as text")
    check(driver.execute_script("return typeof window.__pwned") == "undefined", "no script from the data ran after opening it")

    driver.find_element("id", "f-reset").click()
    search(driver, "lorem")
    driver.find_element(By.CSS_SELECTOR, "#verdict-rows tr").click()
    cuts = driver.find_elements(By.CSS_SELECTOR, "#detail pre.response .cut")
    check(len(cuts) >= 1 and all("characters cut" in text(c) for c in cuts), "a long response shows cut markers")
    marks = driver.find_elements(By.CSS_SELECTOR, "#detail pre.response mark.answer")
    check(len(marks) == 1 and text(marks[0]) == "42", "the answer stays in view in a cut response")
    kept = sum(len(text(p)) for p in driver.find_elements(By.CSS_SELECTOR, "#detail pre.response > *:not(.cut)"))
    check(kept <= 2000, "a cut response keeps at most --max-response-chars characters (%d)" % kept)


# --- the disagreements (report --diff A B) ----------------------------------------------------

DIFF_TOTALS = ["paired", "disagreements", "only_a", "only_b", "duplicates_a", "duplicates_b", "unidentified_a",
               "unidentified_b", "bad_lines_a", "bad_lines_b"]
HOSTILE_ANSWER = "<img src=x onerror=\"window.__pwned = 3\"></script><script>window.__pwned = 4</script>"


def hostile_b_side(verdicts_file, out):
    """The hostile verdicts with every judgement turned and markup for an answer: side B."""
    with open(verdicts_file, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
        for line in f:
            if not line.strip():
                continue
            v = json.loads(line)
            v["correct"] = not v["correct"]
            v["score"] = 1 - v["score"]
            v["extracted"] = HOSTILE_ANSWER
            g.write(json.dumps(v) + "\n")
    return out


def check_diff_browser(driver, diff, a_verdicts):
    from selenium.webdriver.common.by import By
    compared = 0
    cells_of = cells(driver.find_element(By.CSS_SELECTOR, "#diff-totals tbody tr"))
    totals = diff["totals"]
    for name in DIFF_TOTALS:
        check(cells_of.get(name) == str(totals[name]), "diff total %s: page %r, JSON %r" % (name, cells_of.get(name), totals[name]))
        compared += 1
    check(cells_of.get("agreement") == fixed(None if totals["agreement"] is None else totals["agreement"] * 100, 2),
          "diff agreement: page %r, JSON %r" % (cells_of.get("agreement"), totals["agreement"]))
    compared += 1
    for cell in ("both_right", "a_only", "b_only", "both_wrong"):
        want = sum(b["counts"][cell] for b in diff["benchmarks"])
        check(cells_of.get(cell) == str(want), "diff total %s: page %r, JSON (sum of benchmarks) %d" % (cell, cells_of.get(cell), want))
        compared += 1
    check(int(cells_of["a_only"]) + int(cells_of["b_only"]) == totals["disagreements"], "A only + B only = disagreements")
    rows = driver.find_elements(By.CSS_SELECTOR, "#diff-table tbody tr")
    check(len(rows) == len(diff["benchmarks"]), "diff table: %d rows, JSON %d" % (len(rows), len(diff["benchmarks"])))
    for row, b in zip(rows, diff["benchmarks"]):
        c = cells(row)
        check((row.get_attribute("data-model"), row.get_attribute("data-benchmark")) == (b["model"], b["benchmark"]), "diff table order")
        for cell in ("both_right", "a_only", "b_only", "both_wrong"):
            check(c.get(cell) == str(b["counts"][cell]), "diff %s %s: %r vs %r" % (b["benchmark"], cell, c.get(cell), b["counts"][cell]))
            compared += 1
        check(c.get("paired") == str(b["paired"]), "diff %s paired" % b["benchmark"])
        compared += 1
    patterns = driver.find_elements(By.CSS_SELECTOR, "details.pattern")
    want = [(b["model"], b["benchmark"], p["right"], p["count"]) for b in diff["benchmarks"] for p in b["patterns"]]
    got = [(p.get_attribute("data-model"), p.get_attribute("data-benchmark"), p.get_attribute("data-right"),
            int(p.get_attribute("data-count"))) for p in patterns]
    check(got == want, "diff patterns: page %r, JSON %r" % (got, want))
    compared += len(want)

    # A record of the first pattern opened in the verdict browser: the verdict of A with its id.
    buttons = driver.find_elements(By.CSS_SELECTOR, "details.pattern button.open-verdict[data-side=a]")
    if check(len(buttons) > 0, "A's records have buttons that open them"):
        button = buttons[0]
        record_id = button.find_element(By.XPATH, "ancestor::tr").get_attribute("data-id")
        row = int(button.get_attribute("data-row"))
        button.click()
        detail = driver.find_element("id", "detail")
        check(detail.is_displayed() and detail.get_attribute("data-index") == str(row), "open A shows the verdict of row %d" % row)
        check(str(a_verdicts[row]["id"]) == record_id, "row %d is the verdict %s" % (row, record_id))
        check(record_id in text(driver.find_element(By.CSS_SELECTOR, "#detail h3")), "the detail names %s" % record_id)
    return compared


def check_hostile_diff_browser(driver):
    from selenium.webdriver.common.by import By
    check(driver.execute_script("return typeof window.__pwned") == "undefined", "diff page: no script from the data ran")
    check(len(driver.find_elements(By.TAG_NAME, "script")) == 2, "diff page: its two script elements and no more")
    check(len(driver.find_elements(By.CSS_SELECTOR, "img")) == 0, "diff page: no element was made from the data")
    shown = [text(c) for c in driver.find_elements(By.CSS_SELECTOR, "table.diff-items td.side-b")]
    check(shown and all(s == HOSTILE_ANSWER for s in shown), "diff page: B's answers shown as text: %r" % shown[:1])
    for p in driver.find_elements(By.CSS_SELECTOR, "details.pattern"):
        if p.get_attribute("open") is None:
            p.find_element(By.TAG_NAME, "summary").click()
    driver.find_elements(By.CSS_SELECTOR, "button.open-verdict")[0].click()
    check(driver.execute_script("return typeof window.__pwned") == "undefined", "diff page: no script ran after opening a record")


def measure_scale(cli, work, n, max_chars):
    """--scale N: N verdicts (math, 1,000-3,000 character responses with a trace, every 50th
    one 20,000) through `report` and the browser; prints the file size and the times of loading,
    filtering, searching and opening a record. A measurement, not a check of speed."""
    import random
    rng = random.Random(7)
    words = "the of and to in is that for it as with was on be by this are from at or an".split()
    records = os.path.join(work, "scale-records.jsonl")
    with open(records, "w", encoding="utf-8") as f:
        for i in range(n):
            size = 20000 if i % 50 == 0 else rng.randint(1000, 3000)
            filler = " ".join(rng.choice(words) for _ in range(size // 3))[:size]
            answer = rng.randint(0, 99)
            f.write(json.dumps({"id": "item-%d" % (i // 4), "sample": i % 4, "benchmark": "math500",
                                "model": "model-%d" % (i % 5), "response": "<think>%s</think> so $\\boxed{%d}$" % (filler, answer),
                                "reference": {"answer": str(rng.randint(0, 99) if i % 3 else answer)}}) + "\n")
    verdicts = os.path.join(work, "scale.jsonl")
    run([cli, "score", "-q", "--keep-response", "--threads", "2", records, "-o", verdicts])
    # The reference: `aggregate` of the same verdicts with the same bootstrap, in the same run.
    started = time.time()
    run([cli, "aggregate", "-q", verdicts, "--bootstrap", "200", "-o", os.devnull])
    reference = time.time() - started
    page = os.path.join(work, "scale-report.html")
    started = time.time()
    limit = ["--max-response-chars", str(max_chars)] if max_chars is not None else []
    summary = run([cli, "report", verdicts, "-o", page, "--bootstrap", "200"] + limit).stderr.strip().splitlines()[-1]
    took = time.time() - started
    print("report of %d verdicts: %.1f s, %.2f x the time of aggregate (%.1f s); %s" % (n, took, took / reference, reference, summary))
    small = os.path.join(work, "scale-small.html")
    profile = tempfile.mkdtemp(prefix="transferscore-chromium-")
    driver = start_browser(profile)
    try:
        # The reference page: 1,000 of the same verdicts.
        with open(verdicts, encoding="utf-8") as f, open(small + ".jsonl", "w", encoding="utf-8") as g:
            for _, line in zip(range(1000), f):
                g.write(line)
        run([cli, "report", "-q", small + ".jsonl", "-o", small, "--bootstrap", "200"] + limit)
        open_page(driver, small)  # the first page a browser opens pays for its start
        started = time.time()
        open_page(driver, small)
        small_load = time.time() - started
        started = time.time()
        url = open_page(driver, page)
        load = time.time() - started
        print("page loaded and ready: %.2f s; a page of 1,000 of them: %.2f s (%.0f x)" % (load, small_load, load / small_load))
        timings = driver.execute_script("""
          function t(f) { var s = performance.now(); f(); return performance.now() - s; }
          function pick(id, v) { var e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('change')); }
          var out = {};
          out.filter = t(function () { pick('f-model', '2'); });
          out.status = t(function () { pick('f-status', '0'); });
          return out;""")
        # The search waits for typing to pause (250 ms above 20,000 rows), then the first one
        # builds the text it searches: timed from the keystroke to the new count, less the pause.
        def timed_search(term):
            before = match_count(driver)
            started = time.time()
            driver.execute_script("var b = document.getElementById('f-search'); b.value = arguments[0];"
                                  "b.dispatchEvent(new Event('input'));", term)
            while match_count(driver) == before and time.time() - started < 120:
                time.sleep(0.02)
            pause = 0.25 if n > 20000 else 0.08  # the page's own wait for typing to stop
            return round((time.time() - started - pause) * 1000)
        timings["first_search"] = timed_search("item-123")
        timings["second_search"] = timed_search("item-1234")
        timings.update(driver.execute_script("""
          function t(f) { var s = performance.now(); f(); return performance.now() - s; }
          var out = {};
          out.count_after_search = document.getElementById('match-count').textContent;
          var row = document.querySelector('#verdict-rows tr');
          out.open = row ? t(function () { row.click(); }) : null;
          out.sort_by_score = t(function () { document.querySelector('th[data-sort=score]').click(); });
          return out;"""))
        print("in the browser (ms): %s" % json.dumps(timings))
        check_clean(driver, url, "scale page")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="the transferscore executable")
    parser.add_argument("--source", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    parser.add_argument("--work", help="folder for verdicts, pages and the screenshot (default: a temporary one)")
    parser.add_argument("--screenshot", help="where to save the screenshot of the quickstart page (default: in --work)")
    parser.add_argument("--scale", type=int, help="instead of the checks: measure a page of this many verdicts")
    parser.add_argument("--max-response-chars", type=int, help="with --scale: passed to report (default: its own)")
    args = parser.parse_args()

    missing = [p for p in (CHROMIUM, DRIVER) if not os.path.exists(p)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("python3-selenium")
    if missing:
        print("SKIPPED: the browser test needs Chromium (Debian: chromium, chromium-driver, python3-selenium); missing: "
              + ", ".join(missing))
        return 0

    cli = os.path.abspath(args.cli)
    work = args.work or tempfile.mkdtemp(prefix="transferscore-browser-")
    os.makedirs(work, exist_ok=True)
    if args.scale:
        measure_scale(cli, work, args.scale, args.max_response_chars)
        return 1 if failures else 0
    quick = os.path.join(work, "sample-verdicts")  # the quickstart's folder name, as the page shows it
    hostile = os.path.join(work, "hostile")
    for d in (quick, hostile):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    data = os.path.join(args.source, "examples", "data")
    pairs, groups = os.path.join(data, "pairs.csv"), os.path.join(data, "groups.json")

    quick_files = score_quickstart(cli, args.source, quick)
    quick_page = os.path.join(work, "report.html")
    # Run from the work folder with relative names, as tools/quickstart runs it from the repository.
    summary = run([cli, "report"] + [os.path.relpath(f, work) for f in quick_files] +
                  ["--pairs", pairs, "--groups", groups, "-o", "report.html"], cwd=work).stderr
    check(("wrote report.html (%d kB, %d bytes)" % (round(os.path.getsize(quick_page) / 1024), os.path.getsize(quick_page))) in summary,
          "the summary line names the page and its size: %r" % summary)
    aggregate = json.loads(run([cli, "aggregate", "-q"] + quick_files).stdout)
    transfer = json.loads(run([cli, "transfer", "-q", "--pairs", pairs, "--groups", groups, "--format", "json"] + quick_files).stdout)

    hostile_files = score_hostile(cli, hostile)
    hostile_page = os.path.join(work, "hostile-report.html")
    run([cli, "report", "-q"] + hostile_files + ["-o", hostile_page])

    # The disagreements of two versions of a grader; the page's verdicts are A's.
    fixtures = os.path.join(args.source, "tests", "data", "diff")
    new, old = (os.path.join(fixtures, "verdicts", "math500_%s.jsonl" % v) for v in ("new", "old"))
    records = os.path.join(fixtures, "records", "math500.jsonl")
    diff_page = os.path.join(work, "diff-report.html")
    run([cli, "report", "-q", new, "--diff", new, old, "--diff-gold", records, "--bootstrap", "200", "-o", diff_page])
    diff_run = subprocess.run([cli, "diff", "-q", new, old, "--gold", records, "--bootstrap", "200", "--format", "json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check(diff_run.returncode == 3, "diff of the fixtures: exit 3 (old has a bad line), got %d" % diff_run.returncode)
    diff = json.loads(diff_run.stdout)
    hostile_b = hostile_b_side(hostile_files[0], os.path.join(hostile, "hostile-b.jsonl"))
    hostile_diff_page = os.path.join(work, "hostile-diff-report.html")
    run([cli, "report", "-q"] + hostile_files + ["--diff", hostile_files[0], hostile_b, "-o", hostile_diff_page])

    profile = tempfile.mkdtemp(prefix="transferscore-chromium-")
    driver = start_browser(profile)
    try:
        url = open_page(driver, quick_page)
        compared = check_scores(driver, aggregate)
        compared += check_transfer(driver, transfer)
        print("compared %d numbers of the page with the JSON reports" % compared)
        verdicts = read_verdicts(quick_files)
        check_quickstart_browser(driver, verdicts)
        # The screenshot: the browser filtered to one model and benchmark, a record open.
        driver.set_window_size(1280, 1900)
        driver.execute_script("document.getElementById('verdicts').scrollIntoView()")
        shot = args.screenshot or os.path.join(work, "report.png")
        driver.save_screenshot(shot)
        driver.set_window_size(1280, 1500)
        print("screenshot: " + shot)
        check_clean(driver, url, "quickstart page")

        url = open_page(driver, hostile_page)
        check_hostile_browser(driver, read_verdicts(hostile_files))
        check_clean(driver, url, "hostile page")

        url = open_page(driver, diff_page)
        compared = check_diff_browser(driver, diff, read_verdicts([new]))
        print("compared %d numbers of the diff section with `diff --format json`" % compared)
        check_clean(driver, url, "diff page")

        url = open_page(driver, hostile_diff_page)
        check_hostile_diff_browser(driver)
        check_clean(driver, url, "hostile diff page")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)

    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("browser test passed: %s, %s, %s and %s" % (quick_page, hostile_page, diff_page, hostile_diff_page))
    return 0


if __name__ == "__main__":
    sys.exit(main())

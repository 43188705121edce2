"""The BENCHMARKS.md sections of the two side-by-side parts outside the throughput and page figures: the default
preset's recipe before and after issue 23 (bench/recipe.py) and WebKit against Chromium (bench/webkit.py)."""


def recipe_markdown(r):
    """The default preset's recipe before issue 23 against today's (bench/recipe.py): training time and the cube."""
    lines = ["", "## The default preset: today's recipe against the one before issue 23 (native CPython)", "",
             f"Both recipes train seeds {r['seeds'][0]}–{r['seeds'][-1]} ×{r['repeats']}, interleaved; the ratio is "
             f"the median of the {len(r['ratios'])} paired ratios today / before. ΔE00 over the 140,608-colour "
             "lattice (channels 0, 5, …, 255) and the 1,000-colour held-out sample.", "",
             "| recipe | training time (median) | cube mean ΔE00 | cube max ΔE00 | held-out max ΔE00 |",
             "|---|---|---|---|---|"]
    for label, name in (("old", "before issue 23"), ("new", "today")):
        figures = r[label]["figures"]
        span = lambda key: f"{min(f[key] for f in figures):.2f}–{max(f[key] for f in figures):.2f}"  # noqa: E731
        lines.append(f"| {name}: {r[label]['recipe']} | {r[label]['median_s']:.2f} s | {span('lattice_mean')} | "
                     f"{span('lattice_max')} | {span('delta_e_max')} |")
    lines += ["", f"Training time today / before: **{r['ratio_new_to_old']:.2f}×**."]
    return lines


def webkit_markdown(w):
    """WebKitGTK against Chromium in the same run (`--webkit`, bench/webkit.py), with its caveat."""
    lines = ["", "## WebKit (Safari's engine) against Chromium (`--webkit`)", "", f"*{w['caveat']}*", "",
             "| engine | kernels | cold ready (median) | steps/s, batch 25 | steps/s, batch 256 |", "|---|---|---|---|---|"]
    for row in w["rows"]:
        lines.append(f"| {row['engine']} {row['version']} | {row['kernels']} | {row['cold_ready_ms'] / 1000:.2f} s | "
                     f"{row['steps_per_s_b25']:,.0f} | {row['steps_per_s_b256']:,.0f} |")
    r = w["ratios"]
    lines += ["", f"WebKit / Chromium: cold ready {r['cold_ready']:.2f}×, steps/s {r['steps_per_s_b25']:.2f}× at batch "
              f"25 and {r['steps_per_s_b256']:.2f}× at batch 256 (`{w['page_url']}`)."]
    return lines

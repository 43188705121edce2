"""bench/recipe.py: today's default against the recipe before issue 23, trained interleaved and timed side by side."""
import pytest

import colornet as cn
from bench import recipe


def short(preset):
    return preset.replace(steps=30, n_colours=200, batch_size=min(preset.batch_size, 20))


def test_the_old_recipe_is_the_default_before_issue_23_and_the_new_one_is_the_preset():
    old, new = recipe.recipes()["old"], recipe.recipes()["new"]
    assert (old.sizes, old.output, old.optimizer, old.lr, old.beta2, old.schedule, old.n_colours, old.colours,
            old.batch_size, old.steps) == ([3, 64, 32, 16, 3], "linear", "adam", 0.008, 0.999, "cosine", 10_000,
                                           "uniform", 25, 5000)
    assert new == cn.get_preset("default")


def test_measure_interleaves_both_recipes_and_reports_times_ratio_and_lattice_figures(monkeypatch):
    trained = []
    real = recipe._timed_training

    def spy(preset, seed):
        trained.append((preset.name, seed))
        return real(preset, seed)

    shortened = {"old": short(recipe.BEFORE), "new": short(cn.get_preset("default"))}
    monkeypatch.setattr(recipe, "recipes", lambda: shortened)
    monkeypatch.setattr(recipe, "_timed_training", spy)
    results = recipe.measure(seeds=[0, 1], repeats=2)
    old, new = recipe.BEFORE.name, "default"
    assert trained == [(old, 0), (new, 0), (new, 1), (old, 1), (new, 0), (old, 0), (old, 1), (new, 1)]
    assert len(results["ratios"]) == 4 and results["ratio_new_to_old"] > 0
    for label in ("old", "new"):
        assert [len(s) for s in results[label]["seconds"]] == [2, 2] and results[label]["median_s"] > 0
        assert len(results[label]["figures"]) == 2
        assert results[label]["figures"][0]["lattice_worst"].startswith("#")
    assert any("new/old" in line for line in recipe.report(results))


def test_measure_refuses_no_seeds():
    with pytest.raises(ValueError, match="need at least one seed and one repeat"):
        recipe.measure(seeds=[], repeats=1)

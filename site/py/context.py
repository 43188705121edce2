"""The run context: what a run's reports, its views and the predictions read and write, handed to them (they import
no run lifecycle). The page has one for its lifetime (site/py/session.py); the post-boot warm-up makes its own,
so it never touches the page's model."""
from colornet import from_hex
from target import Target


class Context:
    """The page channel, the page's settings (seed, probe), the model (the network of the latest report, or an
    imported one: it outlives runs) and the task's target (reset to cn.complement at each run)."""

    def __init__(self, page, seed=0, probe="#dea5ff"):
        self.page = page
        self.seed = seed
        self.probe = probe
        self.model = None
        self.model_info = None  # what the model is: {source: "trained" | "imported" | "file", step, runId}
        self.target = Target()
        self.data = None  # the colours loaded on the page (data.Loaded), or None: random colours

    def adopt(self, model, source, step=None, run_id=None):
        """`model` becomes the model: trained (it reported progress), imported, or opened from a saved file."""
        self.model = model
        self.model_info = {"source": source, "step": step, "runId": run_id}

    def apply_settings(self, settings):
        """Take `seed` and `probe` from a settings dict (a malformed colour raises a clear error, nothing changes)."""
        if "seed" in settings:
            self.seed = int(settings["seed"])
        if "probe" in settings:
            from_hex(settings["probe"])
            self.probe = settings["probe"]

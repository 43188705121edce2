"""The module guard: after each run the glue puts back what the user's code replaced in the modules the glue and
colornet rely on (`json.dumps = None`, `colornet.train_async = ...`, `sys.stdout = ...`), so no run can break the
next one."""
import sys

import colornet as cn

GUARDED_MODULES = ("builtins", "json", "json.decoder", "json.encoder", "math", "time", "asyncio", "linecache",
                   "traceback", "numpy", "numpy.random")
GUARDED_SYS = ("stdout", "stderr", "stdin", "displayhook", "excepthook")
_MISSING = object()


class ModuleGuard:
    """The attributes of the modules the glue and colornet rely on, as they were before the first run; `restore()`
    puts back the functions, classes and modules a run replaced or deleted, and public values (`np.pi`). Attributes a
    run added are left (imports add submodules), and so are private data (`_cache = None` filled in later)."""

    def __init__(self):
        names = list(GUARDED_MODULES) + sorted(n for n in sys.modules if n == "colornet" or n.startswith("colornet."))
        self.saved = [(sys.modules[n], {k: v for k, v in vars(sys.modules[n]).items() if self.kept(k, v)})
                      for n in names if n in sys.modules]
        self.sys_saved = {name: getattr(sys, name) for name in GUARDED_SYS}
        self.recursion_limit = sys.getrecursionlimit()
        self.kernels = cn.kernels.active()  # the boot's choice (SIMD when the browser has it), which the page shows

    @staticmethod
    def kept(key, value):
        return callable(value) or isinstance(value, type(sys)) or not key.startswith("_")

    def restore(self):
        """Put back what changed; returns the names put back ("json.dumps", "sys.stdout", ...)."""
        restored = []
        for module, saved in self.saved:
            current = vars(module)
            for key, value in saved.items():
                if current.get(key, _MISSING) is not value:
                    current[key] = value
                    restored.append(f"{module.__name__}.{key}")
        for name, value in self.sys_saved.items():
            if getattr(sys, name, _MISSING) is not value:
                setattr(sys, name, value)
                restored.append(f"sys.{name}")
        if sys.getrecursionlimit() != self.recursion_limit:
            sys.setrecursionlimit(self.recursion_limit)
            restored.append("sys.setrecursionlimit")
        if cn.kernels.active() is not self.kernels:
            cn.kernels.use(self.kernels)
            restored.append("colornet.kernels.use")
        return restored

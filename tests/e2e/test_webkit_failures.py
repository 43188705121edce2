"""WebKit names every boot failure as Chromium and Firefox do, and the playground's error paths work there: the
boot failure tests (test_boot_failures.py), the single file's truncated and altered cases (test_single_file.py) and
the run errors (test_playground_errors.py), each run unchanged in one WebKitGTK MiniBrowser of this module's own
(the `browser` fixture of test_webkit_file.py replaces Chromium)."""
from test_boot_failures import (broken_site, test_a_hanging_runtime_is_caught_by_the_watchdog,  # noqa: F401
                                test_corrupt_bundle_bytes, test_hash_mismatch_of_a_swapped_file, test_missing_bundle,
                                test_package_that_fails_to_load, test_truncated_bundle,
                                test_wasm_instantiation_failure)
from test_playground_errors import (test_bad_hyperparameter_names_the_value,  # noqa: F401
                                    test_divergence_names_step_and_lr_and_suggests_lower,
                                    test_exception_shows_traceback_with_editor_lines,
                                    test_syntax_error_marks_the_line_and_the_next_run_works)
from test_single_file import (single_file, test_a_truncated_single_file_says_so,  # noqa: F401
                              test_altered_bytes_fail_the_hash_checks)
from test_webkit_file import browser  # noqa: F401 - WebKitGTK as this module's `browser`

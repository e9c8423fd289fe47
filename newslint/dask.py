"""Lint Dask dataframes and bags of texts: the public face of :mod:`newslint.app.dask_frames`.

``from newslint.dask import lint_dataframe, lint_bag`` is the documented import; the work is
done in :mod:`newslint.app.dask_frames` (and the cross-record leads in
:mod:`newslint.app.dask_leads`).  Needs the ``dask`` extra: ``pip install 'newslint[dask]'``.
"""

from __future__ import annotations

from newslint.app.dask_frames import lint_bag, lint_dataframe
from newslint.app.findings_table import findings_meta

__all__ = ["findings_meta", "lint_bag", "lint_dataframe"]

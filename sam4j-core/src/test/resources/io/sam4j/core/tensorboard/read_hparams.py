"""Reads a log directory the way TensorBoard's HParams dashboard does, and prints what it shows.

Usage: python3 read_hparams.py LOGDIR

TensorBoard's own event loader and HParams plugin answer the dashboard's two requests, /experiment
(the table's columns) and /session_groups (its rows: each run's hyperparameters, status and the last
value of each scalar tag). Prints one JSON object: {"hparams": [names], "metrics": [tags], "runs":
{run: {"hparams": {...}, "status": ..., "metrics": {tag: [value, step]}}}}.
"""

import json
import sys

from tensorboard.backend.event_processing import data_provider, plugin_event_multiplexer
from tensorboard.plugins import base_plugin
from tensorboard.plugins.hparams import hparams_plugin
from werkzeug import test, wrappers


def ask(app, request):
    response = test.Client(app, wrappers.Response).post("/", data=json.dumps(request))
    if response.status_code != 200:
        sys.exit("HParams plugin answered %s: %s" % (response.status, response.get_data(as_text=True)))
    return json.loads(response.get_data(as_text=True))


def main(logdir):
    multiplexer = plugin_event_multiplexer.EventMultiplexer()
    multiplexer.AddRunsFromDirectory(logdir)
    multiplexer.Reload()
    provider = data_provider.MultiplexerDataProvider(multiplexer, logdir)
    context = base_plugin.TBContext(logdir=logdir, data_provider=provider, multiplexer=multiplexer)
    apps = hparams_plugin.HParamsPlugin(context).get_plugin_apps()

    experiment = ask(apps["/experiment"], {})
    names = [h["name"] for h in experiment.get("hparamInfos", [])]
    tags = [m["name"]["tag"] for m in experiment.get("metricInfos", [])]
    groups = ask(apps["/session_groups"], {
        "startIndex": 0,
        "sliceSize": 1000,
        "allowedStatuses": ["STATUS_UNKNOWN", "STATUS_SUCCESS", "STATUS_FAILURE", "STATUS_RUNNING"],
        "colParams": [{"hparam": n} for n in names] + [{"metric": {"tag": t}} for t in tags],
    })
    runs = {}
    for group in groups.get("sessionGroups", []):
        for session in group["sessions"]:
            runs[session["name"]] = {
                "hparams": group["hparams"],
                "status": session.get("status", "STATUS_UNKNOWN"),
                "metrics": {m["name"]["tag"]: [m["value"], m["trainingStep"]] for m in session["metricValues"]},
            }
    print(json.dumps({"hparams": sorted(names), "metrics": sorted(tags), "runs": runs}))


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""The bounded mixed load of scripts/failover: writers editing parcels, readers of tiles, items and the public map,
all through the load balancer, while the given actions (kill an app instance, kill the primary, promote the standby)
run at their times. Writes down every edit answered 2xx; prints the figures per phase and writes them as JSON.

Usage: failover-load.py BASE_URL SECONDS OUT.json [--cost SHELL-COMMAND] [--at SECONDS:NAME:SHELL-COMMAND ...]
  --cost  first, the cost of synchronous replication: 150 edits one after another, then the command (which turns
          synchronous replication on), then 150 more; their medians.
"""
import http.cookiejar
import json
import math
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

USER, PASSWORD = "ziyuan", "mujun-demo-2026"


class Client:
    """One signed-in (or anonymous) HTTP client with its own cookies and CSRF token."""

    def __init__(self, base, sign_in=True):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None
        if sign_in:
            for _ in range(50):
                status, body, _ = self.send("POST", "/api/session", {"username": USER, "password": PASSWORD})
                if status == 200:
                    self.csrf = json.loads(body)["csrfToken"]
                    return
                time.sleep(0.2)
            raise SystemExit(f"cannot sign in through {base}: {status} {body[:200]}")

    def send(self, method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.csrf and method != "GET":
            req.add_header("X-CSRF-Token", self.csrf)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.read().decode("utf-8", "replace"), r.headers
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), e.headers
        except Exception as e:  # connection refused or reset, timeout: the request is lost
            return 0, type(e).__name__ + ": " + str(e), {}


class Load:
    def __init__(self, base, seconds):
        self.base, self.seconds = base, seconds
        self.t0 = None
        self.lock = threading.Lock()
        self.requests = []  # (t, kind, status, seconds)
        self.acked = []  # (t, parcel id, version, remarks, seconds)
        self.events = {}  # name -> t
        self.stop = False
        self.seen_errors = set()

    def now(self):
        return time.monotonic() - self.t0

    def note(self, kind, status, took, body=""):
        with self.lock:
            self.requests.append((self.now(), kind, status, took))
            if status == 0 or status >= 500:
                key = (kind, status, body[:80])
                if key not in self.seen_errors:
                    self.seen_errors.add(key)
                    print(f"[failover] {self.now():5.1f} s  first {kind} failure: {status} {body[:300]}", flush=True)

    def writer(self, n, parcels):
        c = Client(self.base)
        etags = {}
        k = 0
        while not self.stop:
            pid = parcels[k % len(parcels)]
            k += 1
            if pid not in etags:
                s, _, h = c.send("GET", f"/api/parcels/{pid}")
                if s != 200:
                    self.note("read-for-edit", s, 0)
                    time.sleep(0.1)
                    continue
                etags[pid] = h.get("ETag")
            remarks = f"failover w{n} #{k}"
            t = time.monotonic()
            s, body, h = c.send("PATCH", f"/api/parcels/{pid}", {"remarks": remarks, "reason": "failover test"},
                                {"If-Match": etags[pid]})
            took = time.monotonic() - t
            self.note("write", s, took, body)
            if s == 200:
                etag = h.get("ETag")
                version = int(re.search(r"-v(\d+)\"", etag).group(1))
                etags[pid] = etag
                with self.lock:
                    self.acked.append((self.now(), pid, version, remarks, took))
            else:
                # 412: an answer lost in a failure left a newer version (or another writer did): read it again.
                etags.pop(pid, None)
                time.sleep(0.1)

    def reader(self, n, signed_in, bbox, tile):
        c = Client(self.base, sign_in=signed_in)
        paths = ([f"/ogcapi/collections/parcels/items?limit=20&bbox={bbox}", f"/tiles/parcels/{tile}.mvt", "/api/plan?year=2025"]
                 if signed_in else ["/api/public/standard-land?limit=50", "/tiles/clusters/10/843/410.mvt"])
        k = 0
        while not self.stop:
            path = paths[k % len(paths)]
            k += 1
            t = time.monotonic()
            s, body, _ = c.send("GET", path)
            self.note("read", s, time.monotonic() - t, body)
            if s != 200:
                time.sleep(0.05)

    def cost(self, command, n=150):
        """Median latency of n sequential edits before and after `command` (synchronous replication on)."""
        c = Client(self.base)
        s, body, _ = c.send("GET", "/ogcapi/collections/parcels/items?limit=1&f=json")
        pid = int(json.loads(body)["features"][0]["id"])
        medians = []
        for phase in range(2):
            if phase == 1:
                subprocess.run(command, shell=True, check=True)
            took = []
            etag = c.send("GET", f"/api/parcels/{pid}")[2].get("ETag")
            for k in range(n):
                t = time.monotonic()
                s, body, h = c.send("PATCH", f"/api/parcels/{pid}", {"remarks": f"cost {phase} {k}", "reason": "failover test"}, {"If-Match": etag})
                if s != 200:
                    raise SystemExit(f"an edit failed while measuring: {s} {body[:200]}")
                took.append((time.monotonic() - t) * 1000)
                etag = h.get("ETag")
            medians.append(round(statistics.median(took[10:]), 2))
        return {"asynchronous": medians[0], "synchronous": medians[1]}

    def run(self, actions):
        setup = Client(self.base)
        s, body, _ = setup.send("GET", "/ogcapi/collections/parcels/items?limit=40&f=json")
        if s != 200:
            raise SystemExit(f"cannot list parcels: {s} {body[:200]}")
        ids = [int(f["id"]) for f in json.loads(body)["features"]]
        feats = json.loads(setup.send("GET", f"/ogcapi/collections/parcels/items/{ids[0]}?f=json")[1])
        lon, lat = feats["geometry"]["coordinates"][0][0][0] if feats["geometry"]["type"] == "MultiPolygon" else feats["geometry"]["coordinates"][0][0]
        z = 14
        x = int((lon + 180) / 360 * (1 << z))
        y = int((1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * (1 << z))
        bbox = f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"
        self.t0 = time.monotonic()
        threads = [threading.Thread(target=self.writer, args=(w, ids[w::2])) for w in range(2)]
        threads += [threading.Thread(target=self.reader, args=(r, r < 2, bbox, f"{z}/{x}/{y}")) for r in range(3)]
        for t in threads:
            t.daemon = True
            t.start()
        for at, name, cmd in sorted(actions):
            time.sleep(max(0, at - self.now()))
            self.events[name] = self.now()
            print(f"[failover] {self.now():5.1f} s  {name}", flush=True)
            subprocess.run(cmd, shell=True, check=False)
            self.events[name + " done"] = self.now()
        time.sleep(max(0, self.seconds - self.now()))
        self.stop = True
        for t in threads:
            t.join(40)


def phase_of(t, cuts):
    name = "start"
    for at, n in cuts:
        if t >= at:
            name = n
    return name


def main():
    base, seconds, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    actions = []
    args = sys.argv[4:]
    cost_command = None
    for i in range(0, len(args), 2):
        if args[i] == "--cost":
            cost_command = args[i + 1]
            continue
        assert args[i] == "--at", args[i]
        at, name, cmd = args[i + 1].split(":", 2)
        actions.append((float(at), name, cmd))
    load = Load(base, seconds)
    cost = load.cost(cost_command) if cost_command else None
    load.run(actions)
    cuts = sorted((t, n) for n, t in load.events.items() if not n.endswith(" done"))
    phases = {}
    for t, kind, status, took in load.requests:
        p = phases.setdefault(phase_of(t, cuts), {"requests": 0, "failed": 0, "writes": 0, "writesFailed": 0, "statuses": {}})
        p["requests"] += 1
        ok = 200 <= status < 300
        p["failed"] += 0 if ok else 1
        if kind == "write":
            p["writes"] += 1
            p["writesFailed"] += 0 if ok else 1
        if not ok:
            key = str(status) if status else "connection"
            p["statuses"][key] = p["statuses"].get(key, 0) + 1
    latency = {}
    for t, pid, version, remarks, took in load.acked:
        latency.setdefault(phase_of(t, cuts), []).append(took * 1000)
    report = {"events": load.events, "phases": phases, "editMsSequential": cost,
              "writeLatencyMsP50": {k: round(statistics.median(v), 1) for k, v in latency.items()},
              "acked": [[pid, version, remarks] for _, pid, version, remarks, _ in load.acked]}
    kill = load.events.get("kill the primary")
    if kill is not None:
        # Back: the first success after the last failure that followed the kill (an edit already under way when the
        # primary died may still be answered just after it).
        for kind, key in (("write", "writeRecoverySeconds"), ("read", "readRecoverySeconds")):
            mine = [(t, 200 <= status < 300) for t, k, status, _ in load.requests if t > kill and (k == kind or (kind == "write" and k == "read-for-edit"))]
            failed = [t for t, ok in mine if not ok]
            last_failure = max(failed) if failed else kill
            back = [t for t, ok in mine if ok and t > last_failure]
            report[key] = round(min(back) - kill, 2) if back else None
    with open(out, "w") as f:
        json.dump(report, f)
    print(json.dumps({k: v for k, v in report.items() if k != "acked"}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

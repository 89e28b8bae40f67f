#!/usr/bin/env python3
"""The requests of `scripts/bench scale`, measured on one database's servers, or the table of two such measurements.

  bench-scale.py measure OUT.json CACHED_PORT COLD_PORT COOKIE LON LAT SECONDS   wrk at 1 and 4 connections per request
  bench-scale.py table SMALL.json BIG.json                                       the figures side by side

Each request is the same on both databases: the densest 1 km² of the register (given as its centre), a page of 10 over
the 8 km × 8 km around it, the z14 and z10 tiles there (cold from a server without a tile cache, and as cache hits),
and the search box's three kinds of question (a code's tail, a code's head, part of an enterprise's name).
"""
import json
import math
import re
import subprocess
import sys
import urllib.parse


def wrk(url, conns, secs, cookie):
    out = subprocess.run(["wrk", f"-t{1 if conns < 2 else 2}", f"-c{conns}", f"-d{secs}s", "--latency", "-H", f"Cookie: {cookie}", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def ms(label):
        v = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return float(v.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[v.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": ms("50"), "p99": ms("99"), "non2xx": int(bad.group(1)) if bad else 0}


def tile(lon, lat, z):
    n = 2 ** z
    r = math.radians(lat)
    return z, int((lon + 180) / 360 * n), int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * n)


def measure(out, cached, cold, cookie, lon, lat, secs):
    lon, lat, secs = float(lon), float(lat), int(secs)
    box = lambda dx, dy: f"{lon - dx:.6f},{lat - dy:.6f},{lon + dx:.6f},{lat + dy:.6f}"
    base = f"http://127.0.0.1:{cached}"
    z14, z10 = tile(lon, lat, 14), tile(lon, lat, 10)
    q = lambda s: urllib.parse.quote(s)
    requests = [
        ("OGC items 1 km² (limit 1000)", f"{base}/ogcapi/collections/parcels/items?bbox={box(0.00525, 0.0045)}&limit=1000"),
        ("OGC items limit=10 of 64 km²", f"{base}/ogcapi/collections/parcels/items?bbox={box(0.042, 0.036)}&limit=10"),
        ("z14 tile, cold (no cache)", f"http://127.0.0.1:{cold}/tiles/parcels/{z14[0]}/{z14[1]}/{z14[2]}.mvt"),
        ("z14 tile, cache hits", f"{base}/tiles/parcels/{z14[0]}/{z14[1]}/{z14[2]}.mvt"),
        ("z10 tile, no cache: kept in the DB", f"http://127.0.0.1:{cold}/tiles/parcels/{z10[0]}/{z10[1]}/{z10[2]}.mvt"),
        ("search: a code's tail (GB00105)", f"{base}/api/search?q={q('GB00105')}"),
        ("search: a code's head (410184001)", f"{base}/api/search?q={q('410184001')}"),
        ("search: part of a name (汇丰电子)", f"{base}/api/search?q={q('汇丰电子')}"),
    ]
    results = {}
    for label, url in requests:
        subprocess.run(["wrk", "-t2", "-c4", "-d2s", "-H", f"Cookie: {cookie}", url], capture_output=True, check=True)  # warm the JIT
        for conns in (1, 4):
            results[f"{label}|{conns}"] = wrk(url, conns, secs, cookie)
            print(f"  {label:40} {conns} conn: {results[f'{label}|{conns}']['rps']:8.0f} req/s, p50 {results[f'{label}|{conns}']['p50']:.2f} ms",
                  file=sys.stderr)
    with open(out) as f:
        data = json.load(f)
    data["requests"] = results
    with open(out, "w") as f:
        json.dump(data, f, indent=1)


def table(small_path, big_path):
    small, big = json.load(open(small_path)), json.load(open(big_path))
    print(f"\n{'':46} {small['label']:>26} {big['label']:>26}")
    print(f"{'register':46} {small['parcels']:>18,} parcels {big['parcels']:>18,} parcels")
    print(f"{'':46} {small['enterprises']:>14,} enterprises {big['enterprises']:>14,} enterprises")
    print(f"\n{'work':40} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'req/s':>9} {'p50 ms':>8} {'p50 big/small':>14}")
    for key, s in small["requests"].items():
        b = big["requests"].get(key)
        if b is None:
            continue
        label, conns = key.split("|")
        flag = lambda r: "!" if r["non2xx"] else ""
        print(f"{label:40} {conns:>5} {s['rps']:8.0f}{flag(s):1} {s['p50']:8.2f} {b['rps']:8.0f}{flag(b):1} {b['p50']:8.2f} {b['p50'] / s['p50']:13.2f}×")
    print(f"\n{'work':58} {'seconds':>9} {'seconds':>9} {'big/small':>10}")
    for key in small["timings"]:
        s, b = small["timings"][key], big["timings"].get(key)
        if b is not None:
            print(f"{key:58} {s:9.1f} {b:9.1f} {b / s:9.2f}×")
    print("\n(! = some answers were not 2xx)")


if __name__ == "__main__":
    {"measure": measure, "table": table}[sys.argv[1]](*sys.argv[2:])

"""Loads every OGC API - Features collection of a Mujun server in QGIS's own OAPIF provider, headless, signing in with a
Basic authentication configuration (user name + API token), and prints per layer: valid, feature count, CRS, and the
number of features actually read. Usage: python3 load_layers.py BASE_URL USER TOKEN COLLECTION..."""
import json
import sys

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsVectorLayer

base, user, token, collections = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
app = QgsApplication([], False)
app.initQgis()
auth = QgsApplication.authManager()
auth.setMasterPassword("mujun-test-master", True)
cfg = QgsAuthMethodConfig("Basic")
cfg.setName("mujun")
cfg.setConfig("username", user)
cfg.setConfig("password", token)
ok = auth.storeAuthenticationConfig(cfg)
out = {"qgis": __import__("qgis.core", fromlist=["Qgis"]).Qgis.QGIS_VERSION, "stored": bool(ok[0] if isinstance(ok, tuple) else ok), "layers": {}}
for name in collections:
    uri = "url='%s/ogcapi' typename='%s' authcfg='%s'" % (base, name, cfg.id())
    layer = QgsVectorLayer(uri, name, "OAPIF")
    row = {"valid": layer.isValid()}
    if layer.isValid():
        row["crs"] = layer.crs().authid()
        row["featureCount"] = layer.featureCount()
        row["read"] = sum(1 for _ in layer.getFeatures())
        row["fields"] = [f.name() for f in layer.fields()]
    else:
        row["error"] = layer.error().summary()
    out["layers"][name] = row
print("RESULT " + json.dumps(out), flush=True)
# QGIS 3.22 may crash while tearing down headless; the result is out, so leave at once.
import os
os._exit(0)

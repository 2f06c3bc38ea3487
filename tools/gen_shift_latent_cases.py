#!/usr/bin/python3
"""Writes the latent-shift fixtures of tests/data/shift/latent/ with NumPy and scikit-learn.

Run with Debian's python3 (apt-get install python3-numpy python3-sklearn):
    /usr/bin/python3 tools/gen_shift_latent_cases.py

The C++ tests read the committed output; they need no Python. Every case is computed the way
the study's analyse_PCA_Shift.py computes it (PCA with 2 components fitted on the base
features of each layer, projections feats . component without subtracting the mean), but in
float64 and with svd_solver="full", so that the expected values are exact to rounding:
  - sign rule "scores": scikit-learn <= 1.4, which is what Debian 12 ships (1.2.1): PCA itself;
  - sign rule "components": scikit-learn >= 1.5, svd_flip(U, Vt, u_based_decision=False),
    applied here to scipy's SVD of the centred features (the function exists in 1.2.1 too).
"""

import json
import os
import sys

import numpy as np
import scipy.linalg
import sklearn
from sklearn.decomposition import PCA
from sklearn.utils.extmath import svd_flip

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "shift", "latent")


def features(rng, layers, samples, hidden, scales, offset):
    """layers x samples x hidden with distinct principal variances and a non-zero mean."""
    out = np.empty((layers, samples, hidden))
    for layer in range(layers):
        basis, _ = np.linalg.qr(rng.standard_normal((hidden, hidden)))
        k = min(len(scales), hidden)
        z = rng.standard_normal((samples, k)) * np.asarray(scales[:k]) * (1.0 + 0.1 * layer)
        noise = 0.05 * rng.standard_normal((samples, hidden))
        out[layer] = z @ basis[:, :k].T + noise + offset * rng.standard_normal(hidden)
    return out


def components(x, rule):
    """The two components of scikit-learn's PCA under each sign rule, and the fitted PCA."""
    pca = PCA(n_components=2, svd_solver="full").fit(x)
    if rule == "scores":
        return pca.components_.copy(), pca
    centred = x - x.mean(axis=0)
    u, s, vt = scipy.linalg.svd(centred, full_matrices=False)
    u, vt = svd_flip(u, vt, u_based_decision=False)
    return vt[:2].copy(), pca


def latent(base, tuned, rule, centred):
    """What analyse_PCA_Shift.py computes, per layer and in total."""
    per_layer = []
    shifts, base2, tuned2 = [], [], []
    for layer in range(base.shape[0]):
        comps, pca = components(base[layer], rule)
        mean = base[layer].mean(axis=0)
        b = base[layer] - mean if centred else base[layer]
        t = tuned[layer] - mean if centred else tuned[layer]
        b1, b2 = float(b.dot(comps[0]).mean()), float(b.dot(comps[1]).mean())
        t1, t2 = float(t.dot(comps[0]).mean()), float(t.dot(comps[1]).mean())
        per_layer.append({
            "base": [b1, b2], "tuned": [t1, t2], "shift": t1 - b1,
            "explained_variance_ratio": [float(v) for v in pca.explained_variance_ratio_],
            "component1_head": [float(v) for v in comps[0][:4]],
            "component2_head": [float(v) for v in comps[1][:4]],
        })
        shifts.append(t1 - b1)
        base2.append(b2)
        tuned2.append(t2)
    z_base = [0.0, float(np.mean(base2))]
    z_tuned = [float(np.mean(shifts)), float(np.mean(tuned2))]
    return {"per_layer": per_layer, "z_base": z_base, "z_tuned": z_tuned,
            "distance": float(np.hypot(z_tuned[0] - z_base[0], z_tuned[1] - z_base[1]))}


def main():
    rng = np.random.default_rng(20250707)
    os.makedirs(OUT, exist_ok=True)
    cases = []

    # 1. Gram path (samples < hidden), float32 files of layers x samples x hidden.
    base = features(rng, 5, 12, 40, [6.0, 3.0, 1.5, 0.7], 2.0).astype(np.float32)
    tuned = (base + 0.3 * rng.standard_normal(base.shape) + 0.8).astype(np.float32)
    np.save(os.path.join(OUT, "wide_base_f32.npy"), base)
    np.save(os.path.join(OUT, "wide_tuned_f32.npy"), tuned)
    cases.append(("wide_f32", "wide_base_f32.npy", "wide_tuned_f32.npy", base.astype(np.float64), tuned.astype(np.float64)))

    # 2. The same in float16 (values rounded to float16 first: the expected values use them).
    base16, tuned16 = base.astype(np.float16), tuned.astype(np.float16)
    np.save(os.path.join(OUT, "wide_base_f16.npy"), base16)
    np.save(os.path.join(OUT, "wide_tuned_f16.npy"), tuned16)
    cases.append(("wide_f16", "wide_base_f16.npy", "wide_tuned_f16.npy", base16.astype(np.float64), tuned16.astype(np.float64)))

    # 3. Covariance path (hidden < samples), float64.
    base = features(rng, 3, 30, 8, [5.0, 2.0, 1.0], 1.0)
    tuned = base + 0.5 * rng.standard_normal(base.shape) - 0.4
    np.save(os.path.join(OUT, "tall_base_f64.npy"), base)
    np.save(os.path.join(OUT, "tall_tuned_f64.npy"), tuned)
    cases.append(("tall_f64", "tall_base_f64.npy", "tall_tuned_f64.npy", base, tuned))

    # 4. One file per layer (samples x hidden each), float32.
    base = features(rng, 4, 10, 24, [4.0, 2.0, 1.0], 3.0).astype(np.float32)
    tuned = (base * 1.1 + 0.2).astype(np.float32)
    for layer in range(base.shape[0]):
        np.save(os.path.join(OUT, "layered_base_%d.npy" % layer), base[layer])
        np.save(os.path.join(OUT, "layered_tuned_%d.npy" % layer), tuned[layer])
    cases.append(("layered_f32", "layered_base_%d.npy", "layered_tuned_%d.npy", base.astype(np.float64), tuned.astype(np.float64)))

    # The .npy reader: the same float64 array big-endian and in Fortran order.
    small = rng.standard_normal((2, 3, 5))
    np.save(os.path.join(OUT, "reader_c_f8.npy"), small)
    np.save(os.path.join(OUT, "reader_big_endian.npy"), small.astype(">f8"))
    np.save(os.path.join(OUT, "reader_fortran.npy"), np.asfortranarray(small))

    expected = {
        "generator": "tools/gen_shift_latent_cases.py",
        "numpy": np.__version__, "sklearn": sklearn.__version__,
        "reader": {"shape": list(small.shape), "values": [float(v) for v in small.ravel()]},
        "cases": [],
    }
    for name, base_file, tuned_file, b, t in cases:
        entry = {"name": name, "base": base_file, "tuned": tuned_file, "shape": list(b.shape), "results": {}}
        for rule in ("components", "scores"):
            for centred in (False, True):
                key = rule + ("/centred" if centred else "/uncentred")
                entry["results"][key] = latent(b, t, rule, centred)
        expected["cases"].append(entry)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), OUT), file=sys.stderr)


if __name__ == "__main__":
    main()

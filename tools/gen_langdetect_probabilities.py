#!/usr/bin/env python3
"""Generate tests/data/ifeval/langdetect_probabilities.jsonl: langdetect 1.0.9's
Detector.langprob after _detect_block() (seed 0) for a few texts, as the bits of each
double, for the bit-for-bit test of langdetect.hpp.

langdetect sums the 55 probabilities in the order os.listdir() gave its profile files;
langdetect.hpp uses the sorted order, so the profiles are listed sorted here too.

Needs Debian's python3-langdetect (run with /usr/bin/python3):
  /usr/bin/python3 tools/gen_langdetect_probabilities.py > tests/data/ifeval/langdetect_probabilities.jsonl
"""
import json
import os
import struct

_listdir = os.listdir
os.listdir = lambda path: sorted(_listdir(path))

from langdetect import DetectorFactory  # noqa: E402
from langdetect.detector_factory import init_factory  # noqa: E402
import langdetect.detector_factory as detector_factory  # noqa: E402

DetectorFactory.seed = 0
init_factory()
factory = detector_factory._factory
assert factory.langlist == sorted(factory.langlist)

TEXTS = [
    ("English", "The quick brown fox jumps over the lazy dog."),
    ("German, Latin-1 letters", "Der schnelle braune Fuchs springt über den faulen Hund."),
    # Latin Extended Additional counts as non-Latin (langdetect compares a block number with
    # a block name), so the Latin letters of "the cat" are removed.
    ("Cyrillic and Vietnamese letters outnumber Latin", "Привет мир ạ ạ ạ ạ ạ ạ ạ ạ ạ ạ the cat"),
    ("CJK normalisation", "这是一个测试。中文文本"),
    ("URL, e-mail and capital words", "Write to JOHN DOE at john.doe@example.com or see https://example.com/a?b=1 today"),
]
for note, text in TEXTS:
    detector = factory.create()
    detector.append(text)
    detector._detect_block()
    bits = ["%016x" % struct.unpack("<Q", struct.pack("<d", p))[0] for p in detector.langprob]
    print(json.dumps({"note": note, "text": text, "langprob_bits": bits}, ensure_ascii=False))

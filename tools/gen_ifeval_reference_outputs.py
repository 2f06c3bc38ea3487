#!/usr/bin/env python3
"""Generate tests/data/ifeval/reference_outputs.jsonl: what NLTK 3.8 (Punkt sentence count,
word_tokenize tokens) and langdetect 1.0.9 (detect, seeded with 0) say about a set of
texts, for the differential tests of punkt.hpp, word_tokenize.hpp and langdetect.hpp.

The texts are deterministic random compositions of tricky pieces (abbreviations, quotes,
contractions, dashes, Unicode case) plus short sentences in several languages. Only the
tools' outputs are stored, never the Punkt parameters.

Needs Debian's python3-nltk and python3-langdetect (run with /usr/bin/python3):
  /usr/bin/python3 tools/gen_ifeval_reference_outputs.py PUNKT_DIR COUNT SEED > tests/data/ifeval/reference_outputs.jsonl
"""
import json, random, sys
sys.path.insert(0, '/usr/lib/python3/dist-packages')
from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktParameters
from nltk.tokenize.destructive import NLTKWordTokenizer
import langdetect
from langdetect import DetectorFactory
DetectorFactory.seed = 0

d = sys.argv[1].rstrip('/') + '/'
p = PunktParameters()
p.abbrev_types = set(l for l in open(d+'abbrev_types.txt', encoding='utf-8').read().split('\n') if l)
p.collocations = set(tuple(l.split('\t')) for l in open(d+'collocations.tab', encoding='utf-8').read().split('\n') if l)
p.sent_starters = set(l for l in open(d+'sent_starters.txt', encoding='utf-8').read().split('\n') if l)
for l in open(d+'ortho_context.tab', encoding='utf-8').read().split('\n'):
    if l:
        t, v = l.rsplit('\t', 1); p.ortho_context[t] = int(v)
tok = PunktSentenceTokenizer(p)
tb = NLTKWordTokenizer()

pool = ['Mr.', 'Dr.', 'e.g.', 'U.S.', 'U.S.A.', 'the', 'The', 'And', 'But', 'cat', 'CAT', "can't", "CAN'T", "don't",
        "NASA's", 'word.', 'word!', 'word?', '"quoted."', "'single.'", '(paren.)', '...', '..', '. . .', '--', '-',
        'J.', 'S.', 'Bach', '3.14', '1.', '12,000', 'No.', 'i.e.', 'etc.', 'vs.', '“curly”', '‘x’', '«g»', 'it\'s', "'t", 'is',
        'cannot', 'gonna', 'wanna', 'Σ', 'ΟΔΟΣ', 'İstanbul', 'café', 'naïve', '—', 'GREAT—REALLY', ':', ';', ',', '*bold*', '**b**',
        '#', '@', '$5', '50%', '&', '<tag>', '[x]', '{y}', '\n', '\n\n', '  ', '\t', 'A.', 'a.', 'Mrs.', 'Jan.', '1990.', 'x,y', 'x:y',
        "o'clock", "'tis", "'twas", 'hello', 'WORLD', 'Hello', 'ÉCOLE', 'ß', 'ǅ', 'I', 'A', 'ok.)', 'end."', '!!!', '?!', 'P.S.']
def rnd(r):
    n = r.randint(1, 30)
    out = []
    for _ in range(n):
        out.append(r.choice(pool))
        out.append(r.choice([' ', ' ', ' ', '', '\n', '  ']))
    return ''.join(out)

languages = [
    'Le chat est sur la table et il dort tranquillement.', 'Der Hund läuft schnell über die Straße.',
    'El perro corre rápidamente por la calle.', 'Il gatto dorme sul divano tutto il giorno.',
    'O gato está dormindo no sofá.', 'Кошка спит на диване весь день.', 'Котка спи на дивана.',
    'कुत्ता सड़क पर तेज़ी से दौड़ता है।', 'ನಾಯಿ ರಸ್ತೆಯಲ್ಲಿ ವೇಗವಾಗಿ ಓಡುತ್ತದೆ.', 'कुत्रा रस्त्यावर वेगाने धावतो.',
    'Con chó chạy nhanh trên đường.', '개가 길에서 빨리 달린다.', 'Mbwa anakimbia haraka barabarani.',
    'ਕੁੱਤਾ ਸੜਕ ਤੇ ਤੇਜ਼ੀ ਨਾਲ ਦੌੜਦਾ ਹੈ।', 'سگ به سرعت در خیابان می دود.', 'કૂતરો રસ્તા પર ઝડપથી દોડે છે.',
    'కుక్క రోడ్డుపై వేగంగా పరిగెత్తుతుంది.', 'الكلب يركض بسرعة في الشارع.', 'நாய் சாலையில் வேகமாக ஓடுகிறது.',
    'Koira juoksee nopeasti kadulla.', 'کتا سڑک پر تیزی سے دوڑتا ہے۔', 'สุนัขวิ่งเร็วบนถนน', 'कुकुर सडकमा छिटो दौडन्छ।',
    'কুকুরটি রাস্তায় দ্রুত দৌড়ায়।', '犬が道を速く走る。', '狗在街上跑得很快。', 'THE DOG RUNS FAST.', 'LE CHIEN COURT VITE.',
    'see https://example.com/x?y=1 and mail me at someone.name@example.org please', '12345 !!! ...', '😀😀😀',
    'Xin chào các bạn', 'Tiếng Việt có dấu: ạ ả ã', 'ın İ ı', 'șarpe țară', 'Ῥόδος', 'Ǆemal',
]
r = random.Random(int(sys.argv[3]))
texts = [rnd(r) for _ in range(int(sys.argv[2]))]
for t in languages:
    texts.append(t)
    texts.append(t + ' ' + r.choice(languages))
for t in texts:
    sents = tok.tokenize(t)
    toks = [x for s in sents for x in tb.tokenize(s)]
    try:
        lang = langdetect.detect(t)
    except langdetect.LangDetectException:
        lang = None
    print(json.dumps({'text': t, 'sentences': len(sents), 'tokens': toks, 'lang': lang}, ensure_ascii=False))

"""Pick the corpus articles of the extraction labelled set: a fixed, seeded draw, so the next
person can see how the set was chosen and draw more the same way.

    .venv/bin/python benchmarks/labelled/pick_articles.py [--relations 80] [--mentions 26] [--seed 12]

Foreign-relations articles: the title or summary names a meeting, visit, delegation, agreement,
aid or trade event (a verb from RELATION_WORDS) and a foreign marker. Mentions: foreign places,
companies or leaders appear but no relation word does (sport, cars, world news) -- where
partner precision fails. The 26 articles of the first set (``first_set_ids.txt``) were labelled anew and are not drawn. Prints one
``id<TAB>kind<TAB>title`` line per picked article; the labels themselves are written by reading.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from corpus_paths import news_corpus  # noqa: E402

RELATION_WORDS = re.compile(
    r"\b(hội đàm|hội kiến|chào xã giao|thăm chính thức|thăm cấp nhà nước|thăm và làm việc|làm việc với|"
    r"đoàn công tác|đoàn đại biểu|ký kết|ký thỏa thuận|bản ghi nhớ|kết nghĩa|hợp tác|viện trợ|tài trợ|"
    r"trao tặng|xúc tiến|hội chợ|giao lưu hữu nghị|Đại sứ|Tổng Lãnh sự|đối ngoại|"
    r"tiếp (?:Đại sứ|đoàn|Bộ trưởng|Thủ tướng|Chủ tịch|Tổng thống|Thống đốc|Phó|ông|bà))\b", re.IGNORECASE)
SPORT_OR_MARKET = re.compile(r"\b(U\.?2\d|bóng đá|trực tiếp|giá vàng|tỷ giá|Vietlott)\b", re.IGNORECASE)
FOREIGN = re.compile(
    r"\b(Nhật Bản|Hàn Quốc|Trung Quốc|Lào|Campuchia|Thái Lan|Mỹ|Hoa Kỳ|Nga|Pháp|Đức|Anh|Úc|Australia|"
    r"Ấn Độ|Singapore|Malaysia|Indonesia|Philippines|Myanmar|Cuba|Canada|Italy|Israel|Hà Lan|Bỉ|"
    r"Thụy Điển|Phần Lan|Đan Mạch|New Zealand|EU|ASEAN|Liên hợp quốc|UNDP|UNICEF|WB|ADB|JICA|KOICA|"
    r"Vân Nam|Quảng Tây|Hồng Hà|Nagano|Luông Pha Băng|Chăm-pa-sắc|Xiêng Khoảng)\b")
MENTION_WORDS = re.compile(
    r"\b(bóng đá|trận|ô tô|xe|iPhone|Samsung|Toyota|Honda|Trump|Putin|Triều Tiên|IS|khủng bố|"
    r"Premier League|World Cup|giá vàng|chứng khoán)\b")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=95)
    parser.add_argument("--mentions", type=int, default=25)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    old = set((HERE / "first_set_ids.txt").read_text(encoding="utf-8").split())
    relations, mentions = [], []
    with gzip.open(news_corpus(), "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in old or len(record.get("body") or "") < 400:
                continue
            head = f"{record.get('title') or ''} {record.get('summary') or ''}"
            if RELATION_WORDS.search(head) and FOREIGN.search(head) and not SPORT_OR_MARKET.search(head):
                relations.append((record["id"], record.get("title") or ""))
            elif FOREIGN.search(head) and MENTION_WORDS.search(head) and not RELATION_WORDS.search(record.get("body") or ""):
                mentions.append((record["id"], record.get("title") or ""))
    draw = random.Random(args.seed)
    for kind, pool, count in (("relations", relations, args.relations), ("mention", mentions, args.mentions)):
        for article_id, title in sorted(draw.sample(pool, min(count, len(pool)))):
            print(f"{article_id}\t{kind}\t{title}")
    print(f"# pools: {len(relations)} relations, {len(mentions)} mentions", file=sys.stderr)


if __name__ == "__main__":
    main()

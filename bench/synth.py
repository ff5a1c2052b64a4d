"""A synthetic district: valid content of realistic size and Chinese text, from a seed.

python -m bench.synth OUT_DIR --departments 50 --procedures 2000 --postings 10000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.model import CATEGORIES

EXAMPLE_CONFIG = Path(__file__).parent.parent / "site_config.yml"

DEPT_NAMES = [
    "财政局",
    "人事局",
    "统计局",
    "审计局",
    "文广局",
    "国土资源局",
    "住房和城乡建设局",
    "教育局",
    "卫生局",
    "民政局",
    "交通运输局",
    "水务局",
    "农业委员会",
    "商务局",
    "环境保护局",
    "安全生产监督管理局",
    "质量技术监督局",
    "物价局",
    "林业局",
    "司法局",
    "科技局",
    "体育局",
    "旅游局",
    "粮食局",
    "城市管理局",
    "规划局",
    "房产管理局",
    "人口和计划生育委员会",
    "档案局",
    "信访局",
]
SECTIONS = [
    "办公室",
    "综合股",
    "法规股",
    "审批股",
    "财务股",
    "监督检查股",
    "政策研究股",
    "行政服务窗口",
    "人事股",
    "计划股",
]
VERBS = ["受理", "审查", "核实", "审核", "审批", "公示", "复核", "登记", "发放", "送达", "现场勘验", "组织评审"]
OBJECTS = [
    "申请材料",
    "申报资料",
    "现场情况",
    "资质条件",
    "许可证件",
    "登记事项",
    "核查意见",
    "审批结果",
    "专家意见",
    "办理结果",
]
MATTERS = ["许可", "登记", "备案", "审批", "核准", "年检", "证明办理", "资格认定", "补助发放", "投诉处理"]
FIELDS = [
    "建设工程",
    "文化市场",
    "统计调查",
    "土地使用",
    "房屋租赁",
    "社会团体",
    "道路运输",
    "取水",
    "林木采伐",
    "食品生产",
    "职业资格",
    "出版物零售",
]
PHRASES = [
    "依法依规履行职责",
    "严格执行限时办结制",
    "落实首问责任制",
    "做到一次性告知",
    "主动接受群众监督",
    "规范行政审批行为",
    "提高办事效率",
    "优化发展环境",
    "推进政务公开",
    "坚持收支两条线管理",
    "严禁吃拿卡要",
    "热情服务办事群众",
    "按规定时限办结",
    "及时公开办理结果",
    "加强执法人员资格管理",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "建国明华丽娟伟芳军敏静磊强洋艳勇杰涛超霞平刚桂英秀兰玉梅志红海燕文斌宁"


@dataclass(frozen=True)
class Size:
    departments: int
    procedures: int
    postings: int


def sentence(rng: random.Random, n: int = 2) -> str:
    return "，".join(rng.sample(PHRASES, n)) + "。"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def phone(rng: random.Random) -> str:
    return f"0551-8232{rng.randrange(10000):04d}"


def dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


def department(rng: random.Random, idx: int) -> dict[str, object]:
    base = DEPT_NAMES[idx % len(DEPT_NAMES)]
    name = f"居巢区{base}" if idx < len(DEPT_NAMES) else f"居巢区{base}第{idx // len(DEPT_NAMES) + 1}分局"
    sections = [
        {
            "id": f"s{n}",
            "name": SECTIONS[n],
            "kind": "服务窗口" if SECTIONS[n] == "行政服务窗口" else "内设股室",
            "authority": [sentence(rng) for _ in range(3)],
            "phone": phone(rng),
        }
        for n in range(rng.randint(3, 6))
    ] + [{"id": "ck", "name": "行政服务窗口", "kind": "服务窗口", "authority": [sentence(rng)], "phone": phone(rng)}]
    sections = list({s["id"]: s for s in sections if s["name"] != "行政服务窗口" or s["id"] == "ck"}.values())
    staff = []
    for n in range(rng.randint(6, 12)):
        section = rng.choice(sections)
        entry: dict[str, object] = {
            "id": f"p{n}",
            "name": person(rng),
            "post": "窗口受理员" if section["id"] == "ck" else rng.choice(["股长", "科员", "副股长", "办事员"]),
            "section": section["id"],
        }
        if section["kind"] == "服务窗口":
            entry["badge"] = f"JC-{idx:02d}{n:02d}"
        entry["duties"] = [sentence(rng) for _ in range(3)]
        entry["standards"] = [sentence(rng) for _ in range(2)]
        staff.append(entry)
    return {
        "name": name,
        "functions": [sentence(rng, 3) for _ in range(rng.randint(4, 8))],
        "address": f"居巢区人民路{idx + 1}号",
        "hours": "周一至周五 8:30-12:00, 14:30-17:30",
        "phone": phone(rng),
        "complaint_phone": phone(rng),
        "first_contact": {"who": "办公室值班人员", "phone": phone(rng), "promise": sentence(rng)},
        "leaders": [{"name": person(rng), "post": post, "portfolio": sentence(rng)} for post in ("局长", "副局长")],
        "commitments": [sentence(rng) for _ in range(4)],
        "sections": sections,
        "staff": staff,
    }


def procedure(rng: random.Random, dept: dict[str, object], idx: int) -> dict[str, object]:
    sections = [s["id"] for s in dept["sections"]]  # type: ignore[attr-defined]
    staff = [p["id"] for p in dept["staff"]]  # type: ignore[attr-defined]
    n_steps = rng.randint(3, 8)
    steps: list[dict[str, object]] = []
    used: list[str] = []
    for n in range(n_steps):
        section = "ck" if n == 0 else rng.choice(sections)
        used.append(section)
        step: dict[str, object] = {
            "id": f"t{n}",
            "action": rng.choice(VERBS) + rng.choice(OBJECTS),
            "section": section,
            "days": rng.randint(1, 5),
        }
        if n == 1 and n_steps > 3:
            step["action"] = "材料是否齐全?"
            step["branches"] = [{"when": "材料齐全", "to": "t2"}, {"when": "需补正", "to": "t0"}]
            del step["days"]
        steps.append(step)
    matter_type = rng.choice(["行政许可", "其他审批", "公共服务"])
    total = sum(int(s.get("days", 0)) for s in steps)  # type: ignore[call-overload]
    proc: dict[str, object] = {
        "name": f"{rng.choice(FIELDS)}{rng.choice(MATTERS)}({idx + 1})",
        "type": matter_type,
        "basis": [{"law": "《中华人民共和国行政许可法》", "article": f"第{rng.randint(12, 60)}条"}],
        "conditions": [sentence(rng) for _ in range(2)],
        "materials": [{"name": o, "form": rng.choice(["原件", "复印件"])} for o in rng.sample(OBJECTS, 3)],
        "steps": steps,
    }
    if len(set(used)) > 1:
        proc["lead_section"] = "ck"
    proc.update(
        {
            "statutory_days": total + 10,
            "promised_days": total,
            "one_visit": rng.choice(["一次办结", "一次说清、两次办结"]),
            "charged": "不收费",
            "place": "居巢区行政服务中心",
            "hours": "周一至周五 8:30-12:00, 14:30-17:30",
            "handlers": rng.sample(staff, 1),
            "phone": dept["phone"],
            "complaint": f"区机关效能投诉中心 {phone(rng)}",
            "discipline": [sentence(rng) for _ in range(3)],
        }
    )
    return proc


def posting(rng: random.Random, idx: int) -> tuple[str, dict[str, object]]:
    completed = dt.date(2011, 1, 1) + dt.timedelta(days=rng.randrange(350))
    published = completed + dt.timedelta(days=rng.randint(0, 7))
    category = rng.choice(CATEGORIES)
    body = "\n\n".join(sentence(rng, 4) * 2 for _ in range(rng.randint(2, 5)))
    data: dict[str, object] = {
        "title": f"关于{rng.choice(FIELDS)}{category}事项的公告（第{idx + 1}号）",
        "category": category,
        "importance": (importance := rng.choice(["重要事项", "临时事项", "一般事项"])),
        # every category is important by default (policy 二（二）4): an ordinary one says why, with approval
        **({"importance_reason": sentence(rng, 1), "importance_approver": "局长"} if importance == "一般事项" else {}),
        "summary": sentence(rng, 3),
        "body": body,
        "completed": completed.isoformat(),
        "published": published.isoformat(),
    }
    return f"{completed.isoformat()}-n{idx}", data


def generate(out: Path, size: Size, seed: int = 2011) -> Path:
    """Write a synthetic district under `out`; return its site_config.yml."""
    rng = random.Random(seed)
    content = out / "content"
    dump(
        content / "district.yml",
        {
            "name": "居巢区",
            "government": "居巢区人民政府",
            "intro": "居巢区政务公开网站（性能测试数据）。",
            "complaint_centre": "居巢区机关效能投诉中心",
            "complaint_phone": "0551-82320000",
            "hotline": "0551-82320001",
            "service_centre": "居巢区行政服务中心",
            "disclosure_office": "居巢区政务公开领导小组办公室",
            "on_request": {
                "office": "居巢区人民政府办公室",
                "address": "居巢区人民路108号",
                "hours": "周一至周五 8:30-12:00",
                "phone": "0551-82321010",
                "channels": ["当面提交", "信函"],
                "review_body": "居巢区人民政府",
            },
        },
    )
    dump(
        content / "fees.yml",
        {
            "items": [
                {
                    "id": "gong-ben-fei",
                    "name": "证照工本费",
                    "department": "d0",
                    "basis": "皖价费〔2008〕1号",
                    "standard": "5-10",
                    "unit": "本",
                    "account": "居巢区财政非税收入专户",
                }
            ]
        },
    )
    depts = []
    for d in range(size.departments):
        dept = department(rng, d)
        depts.append(dept)
        dump(content / f"d{d}" / "department.yml", dept)
    for p in range(size.procedures):
        d = p % size.departments
        dump(content / f"d{d}" / "procedures" / f"m{p}.yml", procedure(rng, depts[d], p))
    for q in range(size.postings):
        stem, data = posting(rng, q)
        dump(content / f"d{q % size.departments}" / "postings" / f"{stem}.yml", data)
    config = out / "site_config.yml"
    dump(
        config,
        {
            "site_name": "居巢区政务公开（性能测试）",
            "site_url": "https://example.gov.cn/",
            "timeliness": {"days": 7},
            "identity": yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))["identity"],
        },
    )
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--postings", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2011)
    args = parser.parse_args()
    print(generate(args.out, Size(args.departments, args.procedures, args.postings), args.seed))


if __name__ == "__main__":
    main()

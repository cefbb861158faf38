"""The standard evaluation of a relationship activity (แบบประเมินความพึงพอใจต่อกิจกรรมสร้างความสัมพันธ์): the
questionnaire the committee opens after each activity (seed 001: "มีการประเมินผลหลังการจัดกิจกรรมเพื่อนำผลสำรวจ
ความคิดเห็น ข้อเสนอแนะมาใช้ในการปรับปรุงครั้งต่อไป"). Items in the shape `satisfaction.services.questionnaire_create`
takes, so the survey engine's answer page, poster, entry grid and import serve it unchanged."""
from .models import Activity

TEMPLATE_NAME = "network-activity"
SCALE_MAX = 5

# (code, dimension, text): the five-point satisfaction items, worded from seeds 000–002's CS4 steps.
RATING_ITEMS = [
    ("a1", "การจัดกิจกรรม", "การแจ้งรายละเอียด วันเวลา และสถานที่จัดกิจกรรมล่วงหน้า"),
    ("a2", "การจัดกิจกรรม", "ความเหมาะสมของรูปแบบกิจกรรมกับกลุ่มเครือข่าย"),
    ("a3", "การจัดกิจกรรม", "ความเหมาะสมของวัน เวลา และสถานที่"),
    ("a4", "การมีส่วนร่วม", "เครือข่ายได้ร่วมแลกเปลี่ยนความคิดเห็นในการกำหนดกิจกรรม"),
    ("a5", "การมีส่วนร่วม", "ได้แสดงความคิดเห็นและเรียนรู้ร่วมกันระหว่างกิจกรรม"),
    ("a6", "ความสัมพันธ์", "กิจกรรมช่วยสร้างความสัมพันธ์และความผูกพันที่ดีกับหน่วยงาน"),
    ("a7", "ความสัมพันธ์", "ได้รับประโยชน์ และนำไปพัฒนาเครือข่ายให้เข้มแข็งและยั่งยืน"),
    ("a8", "ภาพรวม", "ความพึงพอใจโดยรวมต่อกิจกรรมครั้งนี้"),
]
OTHER_GROUP = "อื่น ๆ"


def template_names() -> list[str]:
    return [TEMPLATE_NAME]


def evaluation_title(activity: Activity) -> str:
    return f"แบบประเมินความพึงพอใจต่อกิจกรรม: {activity.title}"[:255]


def evaluation_items(activity: Activity) -> list[dict]:
    """The standard questionnaire for one activity: the respondent's group (the network's CS1 groups, so the results
    break down by the groups the activity serves), eight five-point items, a dissatisfaction question and an open one
    for the next activity."""
    groups = [group.name for group in activity.network.groups.order_by("kind", "rank", "name")]
    items = [{"code": "g1", "text": "ท่านอยู่ในกลุ่มใด", "kind": "choice", "section": "profile",
              "choices": [*groups, OTHER_GROUP]}]
    items += [{"code": code, "dimension": dimension, "text": text} for code, dimension, text in RATING_ITEMS]
    items += [
        {"code": "d1", "text": "มีสิ่งที่ท่านไม่พึงพอใจในกิจกรรมครั้งนี้หรือไม่", "kind": "yes_no",
         "section": "dissatisfaction"},
        {"code": "t1", "text": "สิ่งที่ไม่พึงพอใจ และข้อเสนอแนะเพื่อนำไปปรับปรุงกิจกรรมครั้งต่อไป", "kind": "text",
         "section": "dissatisfaction"},
    ]
    return items

from assistant.conversation import MemorySessionStore, SessionState, pick_option
from knowledge.schema import Procedure, Provenance, Source


def procedure(code: str, name: str) -> Procedure:
    return Procedure(code=code, name=name, provenance=Provenance(source=Source.PORTAL_JSON))


PASSPORT = [
    procedure("1.001456", "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)"),
    procedure("1.001471", "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)"),
]
STATE = SessionState(codes=("1.001456",), clarifying=False, intent="fee")


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_sessions_expire_after_their_time_to_live():
    clock = Clock()
    store = MemorySessionStore(max_sessions=10, ttl_seconds=60, clock=clock)
    store.put("a", STATE)
    clock.now = 59
    assert store.get("a") == STATE  # reading refreshes the session
    clock.now = 118
    assert store.get("a") == STATE
    clock.now = 179
    assert store.get("a") is None


def test_the_least_recently_used_session_is_dropped_first():
    store = MemorySessionStore(max_sessions=2, ttl_seconds=60, clock=Clock())
    store.put("a", STATE)
    store.put("b", STATE)
    store.get("a")
    store.put("c", STATE)
    assert store.get("b") is None and store.get("a") == STATE and len(store) == 2


def test_a_number_or_an_ordinal_picks_the_option():
    assert pick_option("2", PASSPORT) is PASSPORT[1]
    assert pick_option("cái thứ hai", PASSPORT) is PASSPORT[1]
    assert pick_option("cai thu nhat", PASSPORT) is PASSPORT[0]
    assert pick_option("the second one please", PASSPORT) is PASSPORT[1]
    assert pick_option("อันที่สอง", PASSPORT) is PASSPORT[1]
    assert pick_option("3", PASSPORT) is None


def test_distinguishing_words_pick_the_option_in_every_language():
    assert pick_option("cấp tỉnh", PASSPORT) is PASSPORT[0]
    assert pick_option("trung uong", PASSPORT) is PASSPORT[1]
    assert pick_option("the provincial one", PASSPORT) is PASSPORT[0]
    assert pick_option("ระดับจังหวัด", PASSPORT) is PASSPORT[0]


def test_a_new_question_is_not_a_choice():
    assert pick_option("hộ chiếu", PASSPORT) is None  # in both names
    assert pick_option("tôi muốn hỏi thêm về thủ tục đăng ký kết hôn ở cấp tỉnh thì sao", PASSPORT) is None

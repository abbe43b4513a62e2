// The pages' words in Vietnamese (first), English and Thai. Catalogue content stays as published.

export const LANGUAGES = [
  { code: "vi", label: "Tiếng Việt", locale: "vi-VN" },
  { code: "en", label: "English", locale: "en-GB" },
  { code: "th", label: "ไทย", locale: "th-TH" },
];

const STRINGS = {
  vi: {
    assistant: "Trợ lý thủ tục hành chính",
    centre: "Trung tâm Phục vụ hành chính công",
    openChat: "Hỏi đáp thủ tục hành chính",
    close: "Đóng",
    newChat: "Cuộc trò chuyện mới",
    placeholder: "Nhập câu hỏi của bạn…",
    send: "Gửi",
    greeting: "Xin chào! Bạn cần hỏi về thủ tục nào? Ví dụ: “Làm hộ chiếu cần giấy tờ gì?”",
    thinking: "Đang tìm câu trả lời…",
    networkError: "Chưa kết nối được. Vui lòng thử lại.",
    you: "Bạn",
    clarify: "Bạn muốn hỏi thủ tục nào?",
    pickOption: "Chọn {n}",
    documents: "Hồ sơ cần nộp",
    fee: "Phí, lệ phí",
    time: "Thời gian giải quyết",
    where: "Nơi nộp hồ sơ",
    online: "Nộp trực tuyến",
    onlineYes: "Thủ tục này nộp được trực tuyến.",
    onlineNo: "Thủ tục này chưa nộp trực tuyến toàn trình.",
    openPortal: "Mở trên Cổng Dịch vụ công",
    source: "Nguồn",
    notStated: "Chưa có thông tin",
    free: "Miễn phí",
    originals: "bản chính",
    copies: "bản sao",
    rate: "Câu trả lời có hữu ích không?",
    star: "{n} trên 5",
    thanks: "Cảm ơn bạn đã đánh giá!",
    staff: "Gặp cán bộ",
    handoff: "Để được hỗ trợ chính xác, mời bạn liên hệ cán bộ của Trung tâm.",
    staffContact: "Gọi tổng đài hoặc đến quầy tiếp nhận của Trung tâm.",
    channel_direct: "Trực tiếp",
    channel_online: "Trực tuyến",
    channel_postal: "Bưu chính",
    unit_working_day: "ngày làm việc",
    unit_day: "ngày",
    unit_hour: "giờ",
    unit_month: "tháng",
    unit_year: "năm",
    // kiosk
    kioskWelcome: "Xin chào! Bạn cần làm thủ tục gì?",
    kioskHint: "Chạm vào một chủ đề hoặc nhập câu hỏi.",
    topics: "Chủ đề thường gặp",
    scanQr: "Quét mã để mở trên điện thoại",
    satisfaction: "Bạn có hài lòng với câu trả lời?",
    startOver: "Bắt đầu lại",
    keyboard: "Bàn phím",
    backspace: "Xóa",
    space: "Cách",
    idleSoon: "Màn hình sẽ tự làm mới sau ít giây.",
    kioskStaff: "Mời bạn đến quầy tiếp nhận: cán bộ của Trung tâm sẽ hỗ trợ bạn.",
    // staff
    staffTitle: "Tiếp nhận hồ sơ — rà soát tờ khai",
    signIn: "Đăng nhập",
    signOut: "Đăng xuất",
    username: "Tên đăng nhập",
    password: "Mật khẩu",
    signInFailed: "Sai tên đăng nhập hoặc mật khẩu.",
    dropHere: "Kéo thả ảnh giấy tờ vào đây hoặc",
    chooseFiles: "Chọn tệp",
    uploading: "Đang tải lên…",
    reading: "Đang đọc giấy tờ…",
    jobFailed: "Không đọc được giấy tờ",
    form: "Mẫu tờ khai",
    field: "Mục",
    value: "Giá trị",
    fromSource: "Nguồn",
    confidence: "Độ tin cậy",
    agreed: "Các nguồn khớp nhau",
    disagreed: "Các nguồn không khớp — cần kiểm tra",
    missing: "Cần hỏi thêm người dân",
    save: "Lưu",
    saved: "Đã lưu",
    approve: "Duyệt tờ khai",
    approved: "Đã duyệt",
    reject: "Từ chối",
    rejected: "Đã từ chối",
    inReview: "Đang rà soát",
    downloadPdf: "Tải PDF",
    downloadJson: "Tải JSON",
    print: "In",
    documentsRead: "Giấy tờ đã đọc",
    warnings: "Lưu ý",
    shortcuts: "Phím tắt: Tab/Shift+Tab chuyển mục, Enter lưu, Ctrl+Enter duyệt.",
    high: "cao",
    medium: "trung bình",
    low: "thấp",
    // admin
    adminTitle: "Bảng điều khiển của lãnh đạo",
    period: "Khoảng thời gian (ngày)",
    questionsPerDay: "Số câu hỏi mỗi ngày",
    languagesMix: "Ngôn ngữ",
    topProcedures: "Thủ tục được hỏi nhiều nhất",
    handoffTrend: "Tỷ lệ chuyển cán bộ",
    satisfactionTrend: "Mức hài lòng",
    unanswered: "Câu hỏi chưa trả lời được",
    totalQuestions: "Tổng số câu hỏi",
    handoffRate: "Tỷ lệ chuyển cán bộ",
    satisfactionShare: "Tỷ lệ hài lòng",
    ratings: "Lượt đánh giá",
    noData: "Chưa có dữ liệu",
    loadFailed: "Không tải được dữ liệu.",
  },
  en: {
    assistant: "Public services assistant",
    centre: "Public Administration Service Center",
    openChat: "Ask about administrative procedures",
    close: "Close",
    newChat: "New conversation",
    placeholder: "Type your question…",
    send: "Send",
    greeting: "Hello! Which procedure can I help with? For example: “What do I need for a passport?”",
    thinking: "Looking for the answer…",
    networkError: "Could not connect. Please try again.",
    you: "You",
    clarify: "Which procedure do you mean?",
    pickOption: "Option {n}",
    documents: "Documents to submit",
    fee: "Fees",
    time: "Processing time",
    where: "Where to submit",
    online: "Apply online",
    onlineYes: "This procedure can be done online.",
    onlineNo: "This procedure cannot be done fully online yet.",
    openPortal: "Open on the Public Service Portal",
    source: "Source",
    notStated: "Not stated",
    free: "Free",
    originals: "original",
    copies: "copy",
    rate: "Was this answer helpful?",
    star: "{n} out of 5",
    thanks: "Thank you for your rating!",
    staff: "Talk to staff",
    handoff: "For an accurate answer, please contact the Center's staff.",
    staffContact: "Call the hotline or visit the Center's reception desk.",
    channel_direct: "In person",
    channel_online: "Online",
    channel_postal: "By post",
    unit_working_day: "working days",
    unit_day: "days",
    unit_hour: "hours",
    unit_month: "months",
    unit_year: "years",
    kioskWelcome: "Hello! What do you need to do today?",
    kioskHint: "Touch a topic or type a question.",
    topics: "Popular topics",
    scanQr: "Scan to open on your phone",
    satisfaction: "Are you satisfied with the answer?",
    startOver: "Start over",
    keyboard: "Keyboard",
    backspace: "Delete",
    space: "Space",
    idleSoon: "The screen will reset in a few seconds.",
    kioskStaff: "Please go to the reception desk: the Center's staff will help you.",
    staffTitle: "Reception — review the pre-filled form",
    signIn: "Sign in",
    signOut: "Sign out",
    username: "Username",
    password: "Password",
    signInFailed: "Wrong username or password.",
    dropHere: "Drop document scans here or",
    chooseFiles: "Choose files",
    uploading: "Uploading…",
    reading: "Reading the documents…",
    jobFailed: "Could not read the documents",
    form: "Form",
    field: "Item",
    value: "Value",
    fromSource: "Source",
    confidence: "Confidence",
    agreed: "Sources agree",
    disagreed: "Sources disagree — check",
    missing: "Ask the applicant",
    save: "Save",
    saved: "Saved",
    approve: "Approve form",
    approved: "Approved",
    reject: "Reject",
    rejected: "Rejected",
    inReview: "In review",
    downloadPdf: "Download PDF",
    downloadJson: "Download JSON",
    print: "Print",
    documentsRead: "Documents read",
    warnings: "Warnings",
    shortcuts: "Shortcuts: Tab/Shift+Tab move, Enter saves, Ctrl+Enter approves.",
    high: "high",
    medium: "medium",
    low: "low",
    adminTitle: "Manager dashboard",
    period: "Period (days)",
    questionsPerDay: "Questions per day",
    languagesMix: "Languages",
    topProcedures: "Most asked procedures",
    handoffTrend: "Handoff rate",
    satisfactionTrend: "Satisfaction",
    unanswered: "Unanswered questions",
    totalQuestions: "Questions",
    handoffRate: "Handoff rate",
    satisfactionShare: "Satisfied",
    ratings: "Ratings",
    noData: "No data yet",
    loadFailed: "Could not load the data.",
  },
  th: {
    assistant: "ผู้ช่วยงานบริการภาครัฐ",
    centre: "ศูนย์บริการงานภาครัฐ",
    openChat: "ถามเรื่องขั้นตอนราชการ",
    close: "ปิด",
    newChat: "เริ่มบทสนทนาใหม่",
    placeholder: "พิมพ์คำถามของคุณ…",
    send: "ส่ง",
    greeting: "สวัสดีครับ/ค่ะ ต้องการสอบถามเรื่องใด เช่น “ทำหนังสือเดินทางต้องใช้อะไรบ้าง”",
    thinking: "กำลังค้นหาคำตอบ…",
    networkError: "เชื่อมต่อไม่ได้ โปรดลองอีกครั้ง",
    you: "คุณ",
    clarify: "คุณหมายถึงขั้นตอนใด",
    pickOption: "ตัวเลือกที่ {n}",
    documents: "เอกสารที่ต้องยื่น",
    fee: "ค่าธรรมเนียม",
    time: "ระยะเวลาดำเนินการ",
    where: "สถานที่ยื่นเรื่อง",
    online: "ยื่นออนไลน์",
    onlineYes: "ขั้นตอนนี้ยื่นออนไลน์ได้",
    onlineNo: "ขั้นตอนนี้ยังยื่นออนไลน์ได้ไม่ครบทุกขั้นตอน",
    openPortal: "เปิดในพอร์ทัลบริการภาครัฐ",
    source: "ที่มา",
    notStated: "ไม่มีข้อมูล",
    free: "ไม่มีค่าธรรมเนียม",
    originals: "ฉบับจริง",
    copies: "สำเนา",
    rate: "คำตอบนี้มีประโยชน์หรือไม่",
    star: "{n} จาก 5",
    thanks: "ขอบคุณสำหรับการให้คะแนน",
    staff: "ติดต่อเจ้าหน้าที่",
    handoff: "เพื่อคำตอบที่ถูกต้อง โปรดติดต่อเจ้าหน้าที่ของศูนย์",
    staffContact: "โทรสายด่วนหรือติดต่อเคาน์เตอร์รับเรื่องของศูนย์",
    channel_direct: "ยื่นด้วยตนเอง",
    channel_online: "ออนไลน์",
    channel_postal: "ทางไปรษณีย์",
    unit_working_day: "วันทำการ",
    unit_day: "วัน",
    unit_hour: "ชั่วโมง",
    unit_month: "เดือน",
    unit_year: "ปี",
    kioskWelcome: "สวัสดี วันนี้ต้องการติดต่อเรื่องใด",
    kioskHint: "แตะหัวข้อหรือพิมพ์คำถาม",
    topics: "หัวข้อยอดนิยม",
    scanQr: "สแกนเพื่อเปิดบนโทรศัพท์",
    satisfaction: "คุณพอใจกับคำตอบหรือไม่",
    startOver: "เริ่มใหม่",
    keyboard: "แป้นพิมพ์",
    backspace: "ลบ",
    space: "เว้นวรรค",
    idleSoon: "หน้าจอจะเริ่มใหม่ในไม่กี่วินาที",
    kioskStaff: "โปรดติดต่อเคาน์เตอร์รับเรื่อง เจ้าหน้าที่ของศูนย์จะช่วยคุณ",
    staffTitle: "รับเรื่อง — ตรวจแบบฟอร์มที่กรอกไว้",
    signIn: "เข้าสู่ระบบ",
    signOut: "ออกจากระบบ",
    username: "ชื่อผู้ใช้",
    password: "รหัสผ่าน",
    signInFailed: "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
    dropHere: "ลากไฟล์สแกนเอกสารมาวางที่นี่ หรือ",
    chooseFiles: "เลือกไฟล์",
    uploading: "กำลังอัปโหลด…",
    reading: "กำลังอ่านเอกสาร…",
    jobFailed: "อ่านเอกสารไม่ได้",
    form: "แบบฟอร์ม",
    field: "รายการ",
    value: "ค่า",
    fromSource: "ที่มา",
    confidence: "ความเชื่อมั่น",
    agreed: "แหล่งข้อมูลตรงกัน",
    disagreed: "แหล่งข้อมูลไม่ตรงกัน — โปรดตรวจสอบ",
    missing: "ต้องสอบถามผู้ยื่นเพิ่ม",
    save: "บันทึก",
    saved: "บันทึกแล้ว",
    approve: "อนุมัติแบบฟอร์ม",
    approved: "อนุมัติแล้ว",
    reject: "ปฏิเสธ",
    rejected: "ปฏิเสธแล้ว",
    inReview: "กำลังตรวจ",
    downloadPdf: "ดาวน์โหลด PDF",
    downloadJson: "ดาวน์โหลด JSON",
    print: "พิมพ์",
    documentsRead: "เอกสารที่อ่านแล้ว",
    warnings: "ข้อควรระวัง",
    shortcuts: "ปุ่มลัด: Tab/Shift+Tab เลื่อน, Enter บันทึก, Ctrl+Enter อนุมัติ",
    high: "สูง",
    medium: "ปานกลาง",
    low: "ต่ำ",
    adminTitle: "แดชบอร์ดผู้บริหาร",
    period: "ช่วงเวลา (วัน)",
    questionsPerDay: "จำนวนคำถามต่อวัน",
    languagesMix: "ภาษา",
    topProcedures: "ขั้นตอนที่ถูกถามมากที่สุด",
    handoffTrend: "อัตราส่งต่อเจ้าหน้าที่",
    satisfactionTrend: "ความพึงพอใจ",
    unanswered: "คำถามที่ยังตอบไม่ได้",
    totalQuestions: "จำนวนคำถาม",
    handoffRate: "อัตราส่งต่อเจ้าหน้าที่",
    satisfactionShare: "พึงพอใจ",
    ratings: "จำนวนการให้คะแนน",
    noData: "ยังไม่มีข้อมูล",
    loadFailed: "โหลดข้อมูลไม่ได้",
  },
};

/** Popular questions the kiosk offers as buttons, one list per language. */
export const TOPICS = {
  vi: [
    "Làm hộ chiếu cần giấy tờ gì?",
    "Đăng ký khai sinh cho con cần những gì?",
    "Đăng ký thường trú ở đâu?",
    "Đăng ký kết hôn cần giấy tờ gì?",
    "Đăng ký tạm trú mất bao lâu?",
    "Lệ phí cấp phiếu lý lịch tư pháp là bao nhiêu?",
  ],
  en: [
    "What documents do I need for a passport?",
    "How do I register my child's birth?",
    "Where do I register permanent residence?",
    "What do I need to register a marriage?",
    "How long does temporary residence registration take?",
    "How much is a criminal record certificate?",
  ],
  th: [
    "ทำหนังสือเดินทางต้องใช้เอกสารอะไรบ้าง",
    "แจ้งเกิดลูกต้องทำอย่างไร",
    "ลงทะเบียนที่อยู่ถาวรได้ที่ไหน",
    "จดทะเบียนสมรสต้องใช้เอกสารอะไร",
    "ลงทะเบียนที่พักชั่วคราวใช้เวลานานเท่าไร",
    "ค่าธรรมเนียมใบรับรองประวัติอาชญากรรมเท่าไร",
  ],
};

export function isLanguage(code) {
  return LANGUAGES.some((l) => l.code === code);
}

/** "auto" picks the browser's language when it is one we speak, else Vietnamese. */
export function pickLanguage(preference, browserLanguages = navigator.languages || []) {
  if (isLanguage(preference)) return preference;
  for (const tag of browserLanguages) {
    const code = String(tag).slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return "vi";
}

export function locale(lang) {
  return (LANGUAGES.find((l) => l.code === lang) || LANGUAGES[0]).locale;
}

/** The word for `key` in `lang` (falling back to Vietnamese), with {name} placeholders filled. */
export function t(lang, key, vars = {}) {
  const text = (STRINGS[lang] && STRINGS[lang][key]) ?? STRINGS.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

/** Fill every [data-i18n] element's text and [data-i18n-placeholder] placeholder under `root`. */
export function translate(root, lang) {
  root.querySelectorAll("[data-i18n]").forEach((el) => {
    el.textContent = t(lang, el.dataset.i18n);
  });
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => {
    el.placeholder = t(lang, el.dataset.i18nPlaceholder);
  });
  if (root.documentElement) root.documentElement.lang = lang;
}

/** Wire a <select> to the page language (remembered per browser); calls onChange(lang) now and on change. */
export function bindLanguageSelect(select, onChange) {
  const key = "motcua:lang";
  let saved = null;
  try {
    saved = localStorage.getItem(key);
  } catch {
    // storage disabled: start in Vietnamese
  }
  const lang = isLanguage(saved) ? saved : "vi";
  for (const l of LANGUAGES) {
    const option = document.createElement("option");
    option.value = l.code;
    option.textContent = l.label;
    option.selected = l.code === lang;
    select.append(option);
  }
  select.addEventListener("change", () => {
    try {
      localStorage.setItem(key, select.value);
    } catch {
      // not remembered, still applied
    }
    translate(document, select.value);
    onChange(select.value);
  });
  translate(document, lang);
  onChange(lang);
}

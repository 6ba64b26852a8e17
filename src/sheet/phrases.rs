//! The fixed words of printed pages in each style ([`super::style`]). Standard Japanese is what
//! the sheet always said; やさしい日本語 follows the national guideline (short sentences, one idea
//! a line, everyday words, furigana on every kanji); the other languages translate tsunagu's own
//! words only and say plainly that the resource text is in Japanese as its source wrote it.

use super::style::{Labels, Lang};

/// The words of a style.
pub fn labels(lang: Lang, easy: bool) -> Labels {
    match (lang, easy) {
        (Lang::Ja, false) => ja(),
        (Lang::Ja, true) => easy_ja(),
        (Lang::En, _) => en(),
        (Lang::Zh, _) => zh(),
        (Lang::Ko, _) => ko(),
        (Lang::Vi, _) => vi(),
    }
}

fn ja() -> Labels {
    Labels {
        title: "紹介シート",
        subtitle: "相談先のご案内",
        guide: Vec::new(),
        issued: "発行日",
        office: "発行元",
        phone: "電話",
        homepage: "ホームページ",
        confidentiality: "秘密の取り扱い（相談先の記載より）",
        note: "担当者からのメモ",
        memo: "メモ欄",
        footer: super::FOOTER,
        unreachable: super::UNREACHABLE_WARNING,
        long_url: "（URL が長すぎるため QR コードにできません）",
        url: "URL",
        sources: "出典",
        confirmed: "確認日",
        unconfirmed: "確認日: 未確認",
        source_date: "出典の日付",
        japanese_only: None,
        about: "内容",
        targets: "対象",
        substances: "対象物質",
        programs: "プログラム",
        address: "住所",
        hours: "受付・開催",
        next_dates: "次の日程",
        reservation: "予約",
        fees: "料金",
        anonymous: "匿名相談",
        residency: "居住要件",
        email: "メール",
        languages: "対応言語",
        interpreter: "通訳",
        stance_no_report: "秘密を守ると明記",
        stance_enforcement: "警察・取締機関",
        stance_unknown: "秘密保持の記載なし",
        enforcement_sentence: "警察または取締りの機関です。保健・医療の窓口とは役割が異なります。",
        calendar_title: "開催日程のご案内",
        calendar_date: "日付",
        calendar_time: "時間",
        calendar_place: "相談先・場所",
        calendar_booking: "要予約",
        calendar_none: "この期間に、条件に合う日程はありません。",
        calendar_more: "ほか {n} 件は、つなぐの画面または iCalendar 書き出しでご覧ください。",
        calendar_unreadable: "日付にできない日程（相談先の記載のまま。日時はお問い合わせください）",
        calendar_footer: "祝日と年末年始（12/29〜1/3）は、相談先がそう記載している場合に除いています。日程は変わることがあります。お出かけ前に電話でお確かめください。",
        calendar_filters: "条件",
        categories: [
            "相談窓口",
            "電話相談",
            "自助グループ",
            "家族会",
            "家族教室",
            "医療機関",
            "回復施設",
            "就労支援",
            "法律相談",
            "司法・更生保護",
            "その他",
        ],
    }
}

fn easy_ja() -> Labels {
    Labels {
        title: "{相談|そうだん}できる ところ",
        subtitle: "この {紙|かみ}を {持|も}って いきましょう",
        guide: vec![
            "この {紙|かみ}に、{相談|そうだん}できる ところが {書|か}いて あります。",
            "{行|い}く {前|まえ}に、{電話|でんわ}を しましょう。",
            "{電話|でんわ}や {受付|うけつけ}で、この {紙|かみ}を {見|み}せて ください。",
            "わからない ことは、{担当|たんとう}の {人|ひと}に {聞|き}いて ください。",
        ],
        issued: "{書|か}いた {日|ひ}",
        office: "{書|か}いた ところ",
        phone: "{電話|でんわ}",
        homepage: "ホームページ",
        confidentiality: "{秘密|ひみつ}の こと（この ところが {書|か}いた ことば）",
        note: "{担当|たんとう}の {人|ひと}から",
        memo: "メモ",
        footer: "{情報|じょうほう}は {変|か}わる ことが あります。{行|い}く {前|まえ}に、{電話|でんわ}で {聞|き}いて ください。",
        unreachable: "{電話|でんわ}や {住所|じゅうしょ}が わかりません。{担当|たんとう}の {人|ひと}に {聞|き}いて ください。",
        long_url: "（URL が {長|なが}いので、QR コードは ありません）",
        url: "URL",
        sources: "{情報|じょうほう}の もと",
        confirmed: "{確|たし}かめた {日|ひ}",
        unconfirmed: "{確|たし}かめた {日|ひ}: まだ {確|たし}かめて いません",
        source_date: "{情報|じょうほう}の {日付|ひづけ}",
        japanese_only: None,
        about: "どんな ところ",
        targets: "だれの ため",
        substances: "{薬|くすり}など",
        programs: "プログラム",
        address: "{場所|ばしょ}",
        hours: "{日|ひ}と {時間|じかん}",
        next_dates: "つぎの {日|ひ}",
        reservation: "{予約|よやく}",
        fees: "お{金|かね}",
        anonymous: "{名前|なまえ}を {言|い}わない {相談|そうだん}",
        residency: "{住|す}んで いる ところ",
        email: "メール",
        languages: "{話|はな}せる ことば",
        interpreter: "{通訳|つうやく}",
        stance_no_report: "{秘密|ひみつ}を {守|まも}ります",
        stance_enforcement: "{警察|けいさつ}・{取|と}り{締|し}まり",
        stance_unknown: "{秘密|ひみつ}の ことは {書|か}いて いません",
        enforcement_sentence: "{警察|けいさつ}などの ところ です。{病院|びょういん}や {保健所|ほけんじょ}とは {仕事|しごと}が ちがいます。",
        calendar_title: "{集|あつ}まりの {日|ひ}",
        calendar_date: "{日|ひ}",
        calendar_time: "{時間|じかん}",
        calendar_place: "ところ・{場所|ばしょ}",
        calendar_booking: "{予約|よやく}が いります",
        calendar_none: "この {間|あいだ}に、{集|あつ}まりは ありません。",
        calendar_more: "ほかに {n} つ あります。{担当|たんとう}の {人|ひと}に {聞|き}いて ください。",
        calendar_unreadable: "{日|ひ}が わからない もの（{電話|でんわ}で {聞|き}いて ください）",
        calendar_footer: "{休|やす}みの {日|ひ}は ない ことが あります。{日|ひ}は {変|か}わる ことが あります。{行|い}く {前|まえ}に、{電話|でんわ}で {聞|き}いて ください。",
        calendar_filters: "さがした もの",
        categories: [
            "{相談|そうだん}の まどぐち",
            "{電話|でんわ}で {相談|そうだん}",
            "{同|おな}じ なやみの {人|ひと}の {集|あつ}まり",
            "{家族|かぞく}の {集|あつ}まり",
            "{家族|かぞく}の ための {教室|きょうしつ}",
            "{病院|びょういん}",
            "{回復|かいふく}の ための {場所|ばしょ}",
            "{仕事|しごと}の {手伝|てつだ}い",
            "{法律|ほうりつ}の {相談|そうだん}",
            "{立|た}ち{直|なお}りの {手伝|てつだ}い",
            "そのほか",
        ],
    }
}

fn en() -> Labels {
    Labels {
        title: "Referral sheet",
        subtitle: "Where you can get help",
        guide: vec![
            "The places below can help with drug problems, for you or your family.",
            "What each place says about itself is in Japanese, as it wrote it.",
            "Please call before you go, and show this sheet.",
        ],
        issued: "Issued",
        office: "Issued by",
        phone: "Phone",
        homepage: "Website",
        confidentiality: "Confidentiality (the place's own words, in Japanese)",
        note: "Note from your counsellor",
        memo: "Notes",
        footer: "From each place's public information and the record of checks (see the dates). Please call before you go.",
        unreachable: "No contact details: this record gives no phone number, address or website. Ask your counsellor how to reach them.",
        long_url: "(The URL is too long for a QR code.)",
        url: "URL",
        sources: "Sources",
        confirmed: "Checked",
        unconfirmed: "Checked: not yet",
        source_date: "Source dated",
        japanese_only: Some("This place may answer only in Japanese."),
        about: "About",
        targets: "For",
        substances: "Substances",
        programs: "Programmes",
        address: "Address",
        hours: "Hours",
        next_dates: "Next dates",
        reservation: "Booking",
        fees: "Fees",
        anonymous: "Anonymous",
        residency: "Who can use it",
        email: "E-mail",
        languages: "Languages (from its data)",
        interpreter: "Interpreter",
        stance_no_report: "Keeps it confidential",
        stance_enforcement: "Police / enforcement",
        stance_unknown: "Says nothing on confidentiality",
        enforcement_sentence: "This is a police or drug-enforcement body. Its role differs from health and medical services.",
        calendar_title: "Upcoming meetings and classes",
        calendar_date: "Date",
        calendar_time: "Time",
        calendar_place: "Place",
        calendar_booking: "booking needed",
        calendar_none: "No sessions in this period.",
        calendar_more: "{n} more: ask your counsellor.",
        calendar_unreadable: "Dates not given as dates (the place's own words; please ask)",
        calendar_footer: "Holidays and the New Year break are left out where the place says so. Dates can change: please call before you go.",
        calendar_filters: "Search",
        categories: [
            "Counselling office",
            "Phone line",
            "Self-help group",
            "Family group",
            "Family class",
            "Hospital / clinic",
            "Recovery centre",
            "Work support",
            "Legal advice",
            "Probation and rehabilitation",
            "Other",
        ],
    }
}

fn zh() -> Labels {
    Labels {
        title: "转介单",
        subtitle: "可以咨询的地方",
        guide: vec![
            "以下机构可以为本人或家人提供药物问题的咨询。",
            "各机构的介绍保留其日语原文。",
            "前往前请先打电话，并出示此单。",
        ],
        issued: "发行日期",
        office: "发行单位",
        phone: "电话",
        homepage: "网站",
        confidentiality: "保密（机构原文，日语）",
        note: "负责人留言",
        memo: "备忘栏",
        footer: "内容来自各机构的公开信息和确认记录（见各项日期）。前往前请先打电话确认。",
        unreachable: "无联系方式：此记录没有电话、地址或网站。请向负责人询问联系方法。",
        long_url: "（网址太长，无法生成二维码）",
        url: "网址",
        sources: "出处",
        confirmed: "确认日期",
        unconfirmed: "确认日期：未确认",
        source_date: "出处日期",
        japanese_only: Some("该机构可能只能用日语应对。"),
        about: "内容",
        targets: "对象",
        substances: "物质",
        programs: "项目",
        address: "地址",
        hours: "受理时间",
        next_dates: "下次日程",
        reservation: "预约",
        fees: "费用",
        anonymous: "匿名咨询",
        residency: "居住条件",
        email: "电子邮件",
        languages: "可用语言（据其资料）",
        interpreter: "口译",
        stance_no_report: "已写明保密",
        stance_enforcement: "警察・取缔机关",
        stance_unknown: "未写明是否保密",
        enforcement_sentence: "这是警察或药物取缔机关，与保健、医疗机构的职责不同。",
        calendar_title: "活动日程",
        calendar_date: "日期",
        calendar_time: "时间",
        calendar_place: "机构・地点",
        calendar_booking: "需预约",
        calendar_none: "此期间没有符合条件的日程。",
        calendar_more: "另有 {n} 项，请询问负责人。",
        calendar_unreadable: "无法确定日期的日程（机构原文，请电话询问）",
        calendar_footer: "机构注明时，节假日和年末年初不列出。日程可能变更，前往前请先打电话确认。",
        calendar_filters: "条件",
        categories: [
            "咨询窗口",
            "电话咨询",
            "自助小组",
            "家属会",
            "家属课堂",
            "医疗机构",
            "康复设施",
            "就业支援",
            "法律咨询",
            "司法・更生保护",
            "其他",
        ],
    }
}

fn ko() -> Labels {
    Labels {
        title: "안내 시트",
        subtitle: "상담할 수 있는 곳",
        guide: vec![
            "아래 기관에서 본인이나 가족의 약물 문제를 상담할 수 있습니다.",
            "각 기관의 소개는 기관이 쓴 일본어 그대로입니다.",
            "가기 전에 전화하고, 이 시트를 보여 주세요.",
        ],
        issued: "발행일",
        office: "발행처",
        phone: "전화",
        homepage: "홈페이지",
        confidentiality: "비밀 보장 (기관의 원문, 일본어)",
        note: "담당자 메모",
        memo: "메모",
        footer: "각 기관의 공개 정보와 확인 기록에 따른 내용입니다(각 날짜 참조). 가기 전에 전화로 확인해 주세요.",
        unreachable: "연락처 없음: 이 기록에는 전화번호·주소·홈페이지가 없습니다. 담당자에게 연락 방법을 물어보세요.",
        long_url: "(URL이 너무 길어 QR 코드로 만들 수 없습니다)",
        url: "URL",
        sources: "출처",
        confirmed: "확인일",
        unconfirmed: "확인일: 미확인",
        source_date: "출처 날짜",
        japanese_only: Some("이 기관은 일본어로만 응대할 수도 있습니다."),
        about: "내용",
        targets: "대상",
        substances: "대상 물질",
        programs: "프로그램",
        address: "주소",
        hours: "접수·개최",
        next_dates: "다음 일정",
        reservation: "예약",
        fees: "요금",
        anonymous: "익명 상담",
        residency: "거주 요건",
        email: "이메일",
        languages: "대응 언어 (자료에 따름)",
        interpreter: "통역",
        stance_no_report: "비밀 보장 명시",
        stance_enforcement: "경찰·단속 기관",
        stance_unknown: "비밀 보장 기재 없음",
        enforcement_sentence: "경찰 또는 단속 기관입니다. 보건·의료 기관과는 역할이 다릅니다.",
        calendar_title: "모임·교실 일정",
        calendar_date: "날짜",
        calendar_time: "시간",
        calendar_place: "기관·장소",
        calendar_booking: "예약 필요",
        calendar_none: "이 기간에는 조건에 맞는 일정이 없습니다.",
        calendar_more: "그 밖에 {n}건은 담당자에게 물어보세요.",
        calendar_unreadable: "날짜로 정할 수 없는 일정 (기관의 원문, 전화로 문의해 주세요)",
        calendar_footer: "기관이 밝힌 경우 공휴일과 연말연시는 뺐습니다. 일정은 바뀔 수 있습니다. 가기 전에 전화로 확인해 주세요.",
        calendar_filters: "조건",
        categories: [
            "상담 창구",
            "전화 상담",
            "자조 모임",
            "가족 모임",
            "가족 교실",
            "의료 기관",
            "회복 시설",
            "취업 지원",
            "법률 상담",
            "사법·갱생 보호",
            "기타",
        ],
    }
}

fn vi() -> Labels {
    Labels {
        title: "Phiếu giới thiệu",
        subtitle: "Nơi bạn có thể được tư vấn",
        guide: vec![
            "Các nơi dưới đây tư vấn về vấn đề ma túy cho bạn hoặc gia đình.",
            "Phần giới thiệu của từng nơi được giữ nguyên bằng tiếng Nhật.",
            "Hãy gọi điện trước khi đến và đưa phiếu này.",
        ],
        issued: "Ngày cấp",
        office: "Nơi cấp",
        phone: "Điện thoại",
        homepage: "Trang web",
        confidentiality: "Bảo mật (nguyên văn của cơ sở, tiếng Nhật)",
        note: "Ghi chú của người phụ trách",
        memo: "Ghi chú",
        footer: "Theo thông tin công khai của từng nơi và hồ sơ xác nhận (xem các ngày). Vui lòng gọi điện trước khi đến.",
        unreachable: "Không có thông tin liên lạc: hồ sơ này không có số điện thoại, địa chỉ hay trang web. Hãy hỏi người phụ trách cách liên lạc.",
        long_url: "(URL quá dài, không tạo được mã QR)",
        url: "URL",
        sources: "Nguồn",
        confirmed: "Ngày xác nhận",
        unconfirmed: "Ngày xác nhận: chưa xác nhận",
        source_date: "Ngày của nguồn",
        japanese_only: Some("Nơi này có thể chỉ trả lời bằng tiếng Nhật."),
        about: "Nội dung",
        targets: "Đối tượng",
        substances: "Chất",
        programs: "Chương trình",
        address: "Địa chỉ",
        hours: "Giờ tiếp nhận",
        next_dates: "Lịch sắp tới",
        reservation: "Đặt hẹn",
        fees: "Chi phí",
        anonymous: "Tư vấn ẩn danh",
        residency: "Điều kiện cư trú",
        email: "E-mail",
        languages: "Ngôn ngữ (theo dữ liệu)",
        interpreter: "Phiên dịch",
        stance_no_report: "Có ghi giữ bí mật",
        stance_enforcement: "Cảnh sát / cơ quan kiểm soát",
        stance_unknown: "Không ghi về bảo mật",
        enforcement_sentence: "Đây là cơ quan cảnh sát hoặc kiểm soát ma túy. Vai trò khác với cơ sở y tế.",
        calendar_title: "Lịch sinh hoạt sắp tới",
        calendar_date: "Ngày",
        calendar_time: "Giờ",
        calendar_place: "Nơi tổ chức",
        calendar_booking: "cần đặt hẹn",
        calendar_none: "Không có lịch nào trong thời gian này.",
        calendar_more: "Còn {n} lịch khác: hãy hỏi người phụ trách.",
        calendar_unreadable: "Lịch không ghi rõ ngày (nguyên văn của cơ sở, hãy gọi hỏi)",
        calendar_footer: "Ngày lễ và dịp năm mới được bỏ ra khi cơ sở có ghi. Lịch có thể thay đổi, hãy gọi điện trước khi đến.",
        calendar_filters: "Điều kiện",
        categories: [
            "Quầy tư vấn",
            "Tư vấn qua điện thoại",
            "Nhóm tự lực",
            "Hội gia đình",
            "Lớp học cho gia đình",
            "Cơ sở y tế",
            "Cơ sở phục hồi",
            "Hỗ trợ việc làm",
            "Tư vấn pháp luật",
            "Tư pháp / cải tạo",
            "Khác",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kanji in easy Japanese's fixed text carries its reading.
    #[test]
    fn easy_japanese_has_furigana_on_every_kanji() {
        let l = labels(Lang::Ja, true);
        let v = serde_json::to_value(&l).unwrap();
        let mut texts: Vec<String> = Vec::new();
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        walk(&v, &mut texts);
        for t in texts {
            // Outside the {base|reading} groups no kanji may stand.
            let bare = super::super::style::plain(&t, false);
            let mut outside = String::new();
            let mut depth = 0;
            for c in t.chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    c if depth == 0 => outside.push(c),
                    _ => {}
                }
            }
            assert!(
                !outside
                    .chars()
                    .any(|c| matches!(c, '\u{4e00}'..='\u{9fff}')),
                "kanji without furigana in {t:?} ({bare})"
            );
        }
    }

    #[test]
    fn every_language_has_every_category_and_its_japanese_note() {
        for lang in Lang::ALL {
            let l = labels(lang, false);
            assert!(l.categories.iter().all(|c| !c.is_empty()));
            assert_eq!(l.japanese_only.is_some(), lang != Lang::Ja);
        }
    }
}

namespace Madoguchi.Tests.Procedures.Templates;

/// <summary>
/// Realistic filled-in applications for three templates. Besides the structural check here, they are
/// meant as fixtures for the JSON Schema validator: each should validate against its template's
/// schema. The 個人番号 values carry a correct check digit (番号法施行令8条) but belong to nobody.
/// </summary>
public static class SampleApplications
{
    public static string For(string key) => key switch
    {
        "jidou-teate-nintei" => JidouTeateNintei,
        "hoiku-riyou-moushikomi" => HoikuRiyouMoushikomi,
        "risai-shoumei" => RisaiShoumei,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "No sample application for this template."),
    };

    /// <summary>A father claiming after the birth of a second child; the first child is at high school
    /// and lives in a dormitory (so 別居, with the child's number and address).</summary>
    public const string JidouTeateNintei = """
        {
          "claimant": {
            "name": "山田 太郎",
            "nameKana": "ヤマダ タロウ",
            "birthDate": "1988-04-12",
            "gender": "男",
            "myNumber": "123456789018",
            "postalCode": "100-0001",
            "address": "東京都千代田区千代田1-1-101",
            "phone": "090-1234-5678",
            "occupation": "会社員",
            "employer": "株式会社みほん",
            "pension": "厚生年金（会社員など）"
          },
          "hasSpouse": true,
          "spouse": {
            "name": "山田 花子",
            "nameKana": "ヤマダ ハナコ",
            "birthDate": "1990-08-03",
            "myNumber": "987654321093",
            "livingWith": "同居",
            "occupation": "パート"
          },
          "children": [
            {
              "name": "山田 一郎",
              "nameKana": "ヤマダ イチロウ",
              "birthDate": "2009-05-20",
              "relationship": "長男",
              "livingWith": "別居",
              "myNumber": "234567890121",
              "address": "長野県長野市大字南長野1-1 みほん寮"
            },
            {
              "name": "山田 二葉",
              "nameKana": "ヤマダ フタバ",
              "birthDate": "2026-10-01",
              "relationship": "長女",
              "livingWith": "同居"
            }
          ],
          "paymentAccount": "口座を指定する",
          "account": {
            "bankCode": "0001",
            "branchCode": "001",
            "accountType": "普通",
            "accountNumber": "1234567",
            "holderKana": "ヤマダ タロウ"
          },
          "consentRecordCheck": true
        }
        """;

    /// <summary>Both parents work full time; April intake with two ranked nurseries.</summary>
    public const string HoikuRiyouMoushikomi = """
        {
          "applicationType": "新規",
          "desiredStartDate": "2027-04-01",
          "child": {
            "name": "佐藤 陽菜",
            "nameKana": "サトウ ヒナ",
            "birthDate": "2025-06-15",
            "gender": "女"
          },
          "desiredFacilities": [
            { "facilityName": "市立さくら保育園", "reason": "自宅から徒歩5分のため" },
            { "facilityName": "ひまわり保育園" }
          ],
          "careHours": "保育標準時間（1日最長11時間）",
          "applyingWithSiblings": false,
          "postalCode": "330-0063",
          "address": "埼玉県さいたま市浦和区高砂3-1-1",
          "email": "sato.family@example.jp",
          "guardians": [
            {
              "name": "佐藤 健",
              "nameKana": "サトウ ケン",
              "birthDate": "1991-02-10",
              "relationship": "父",
              "phone": "080-2345-6789",
              "reason": "就労",
              "employer": { "name": "みほん商事株式会社", "address": "東京都港区芝公園1-1-1", "phone": "03-1234-5678" },
              "workDaysPerMonth": 20,
              "workHoursPerDay": 8
            },
            {
              "name": "佐藤 美咲",
              "nameKana": "サトウ ミサキ",
              "birthDate": "1993-11-25",
              "relationship": "母",
              "phone": "070-3456-7890",
              "reason": "就労",
              "employer": { "name": "さいたま市立みほん病院", "address": "埼玉県さいたま市浦和区常盤6-4-4", "phone": "048-123-4567" },
              "workDaysPerMonth": 18,
              "workHoursPerDay": 7.5
            }
          ],
          "currentCare": "家庭で保育",
          "healthNotes": "卵アレルギーがあります。",
          "consentShareWithFacilities": true,
          "consentTaxCheck": true
        }
        """;

    /// <summary>The head of the household applies after a typhoon flooded the ground floor.</summary>
    public const string RisaiShoumei = """
        {
          "applicant": {
            "name": "鈴木 一郎",
            "nameKana": "スズキ イチロウ",
            "birthDate": "1965-09-01",
            "postalCode": "861-0000",
            "address": "熊本県みほん郡みほん町大字本町100",
            "phone": "096-123-4567"
          },
          "relationship": "本人（被災した世帯の世帯主）",
          "occupancy": "所有者",
          "disasterDate": "2026-09-18",
          "disasterName": "令和8年台風第14号",
          "damageType": "風水害",
          "property": {
            "address": "熊本県みほん郡みほん町大字本町100",
            "buildingType": "一戸建て"
          },
          "damageParts": ["床上浸水", "内壁・天井", "設備（電気・給排水）"],
          "floodDepthCm": 35,
          "damageDescription": "1階が床上35cmまで浸水し、畳と壁紙、給湯器が使えなくなりました。",
          "repairStatus": "修理していない",
          "selfAssessment": false,
          "copies": 2,
          "purpose": "火災保険の請求、被災者生活再建支援金の申請",
          "delivery": "郵送を希望する"
        }
        """;
}

using System.Text.Json.Nodes;

namespace Madoguchi.Procedures.Forms;

/// <param name="Data">The draft with this page's values merged in and hidden fields removed.</param>
/// <param name="Errors">Values the binder could not convert (「数字で入力してください。」, 「存在しない日付です。」);
/// schema validation is separate (<see cref="FormValidation"/>).</param>
/// <param name="AttemptedValues">What was typed for those values, by input name, to show again.</param>
/// <param name="ItemsChanged">An item was added or removed (「追加」/「削除」 was pressed): show the same page
/// again instead of moving on.</param>
public sealed record FormBindResult(
    JsonObject Data,
    IReadOnlyList<FormError> Errors,
    IReadOnlyDictionary<string, string> AttemptedValues,
    bool ItemsChanged);

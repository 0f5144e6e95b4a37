namespace Madoguchi.Procedures.Templates;

/// <summary>How a field is asked for. Written in kebab-case in template files (postal-code, my-number …).</summary>
public enum FieldWidget
{
    Text,
    Textarea,
    Name,
    Kana,
    Date,
    PostalCode,
    Address,
    Phone,
    Email,
    MyNumber,
    BankAccount,
    Choice,
    MultiChoice,
    Checkbox,
    Consent,
    Number,
    Integer,
    Repeat,
    File,
}

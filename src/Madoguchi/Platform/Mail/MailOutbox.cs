using Madoguchi.Platform.Data;

namespace Madoguchi.Platform.Mail;

/// <summary>
/// Queues a mail in the caller's unit of work; it is sent only if that work commits.
/// </summary>
public sealed class MailOutbox(MadoguchiDb db)
{
    public OutboxMail Enqueue(string to, string subject, string textBody, Guid? tenantId = null, MailAttachment? attachment = null)
    {
        var mail = new OutboxMail
        {
            To = to, Subject = subject, TextBody = textBody, TenantId = tenantId ?? db.CurrentTenantId,
            AttachmentName = attachment?.FileName, AttachmentType = attachment?.ContentType, Attachment = attachment?.Content,
        };
        db.Set<OutboxMail>().Add(mail);
        return mail;
    }
}

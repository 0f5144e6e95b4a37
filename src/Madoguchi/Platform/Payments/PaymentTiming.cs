namespace Madoguchi.Platform.Payments;

/// <summary>When a procedure's fee is paid.</summary>
public enum PaymentTiming
{
    /// <summary>Before the application is submitted (certificates): it arrives only once paid.</summary>
    BeforeSubmission = 0,

    /// <summary>事後決済: after approval, within a deadline, after which the application expires.</summary>
    AfterApproval = 1,
}

using System.Security.Cryptography;

namespace Madoguchi.Platform.Staff;

/// <summary>First passwords shown to a person once: random, readable off a screen, and within the password policy.</summary>
internal static class GeneratedPassword
{
    // No look-alike characters (0/O, 1/l/I).
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New()
    {
        while (true)
        {
            // The policy asks for a digit and a lower-case letter.
            var password = RandomNumberGenerator.GetString(Alphabet, 16);
            if (password.Any(char.IsAsciiDigit) && password.Any(char.IsAsciiLetterLower))
            {
                return password;
            }
        }
    }
}

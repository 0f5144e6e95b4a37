namespace Madoguchi.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

#pragma once
// The kiosk's one SQLite database: opening it safely, migrating its schema, backing it up.

#include <SQLiteCpp/Database.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace vk::storage {

// Every failure to open, migrate or back up the database. what() is a sentence a technician can act on;
// nothing already stored is deleted or overwritten on the way to this error.
class StorageError : public std::runtime_error {
public:
    enum class Kind { Damaged, ReadOnly, TooNew, Unavailable, BackupFailed, NotOurs, Replaced };
    StorageError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

class Database {
public:
    // Opens (creating it if absent) the database file, sets WAL, foreign keys and a busy timeout, and applies
    // pending migrations in one transaction. Before anything is written it checks that the file is ours
    // (PRAGMA application_id, or our tables in a file from before the id) and that no page is damaged
    // (PRAGMA quick_check). Throws StorageError.
    static Database open(const std::filesystem::path& file);
    // A private in-memory database with the full schema, for tests and tools.
    static Database openInMemory();

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    SQLite::Database& sql() { return *db_; }
    const std::filesystem::path& file() const { return file_; }

    int schemaVersion() const;
    // SQLite's PRAGMA data_version: it moves on when another connection (another process on the same file)
    // commits, not for this connection's own writes. A change check that reads no table.
    std::int64_t dataVersion();
    static int latestSchemaVersion();
    // PRAGMA application_id of every village-kiosk database: "VKSK".
    static constexpr int kApplicationId = 0x564B534B;

    // This kiosk's own id (a UUID made on first start): the origin of every shared record it writes.
    const std::string& kioskId() const { return kioskId_; }

    // Copies the whole database with SQLite's online backup API while the kiosk keeps running, checks the copy
    // and only then moves it over `destination`. Throws StorageError(BackupFailed).
    void backupTo(const std::filesystem::path& destination);

    // Whether the file at the database's path is still the one this connection has open. A file moved aside,
    // deleted, or another file moved in its place (a technician restoring a copy while the kiosk runs) would
    // otherwise take every later write into a file nobody sees again. Checked before each write transaction
    // (storage::inTransaction) and by the kiosk's background poll. The first time it is not: what this connection
    // committed is put into the file it has open (a WAL checkpoint, so that the file moved aside is whole and the
    // -wal left at the path is empty), then the connection writes nothing more (PRAGMA query_only). Throws
    // StorageError(Replaced) with what to do, then and every later time. Nothing for an in-memory database.
    // It also notices the file overwritten in place (the same inode, `cp other.db village-kiosk.db`): in WAL mode
    // only a checkpoint writes into the database file, so a file whose header, size or time changed while no
    // checkpoint ended since the last look was written by someone else. Then nothing goes into it any more, not
    // even this connection's WAL: it is moved aside (`-wal.before-overwrite`) so that a restart opens the copied
    // file as it was copied, and no checkpoint pours it in when the connection closes.
    void checkStillItsFile();
    // After this connection's commit (storage::inTransaction): looks at the file as the commit, and the checkpoint
    // it may have run, left it, so that the next check compares with that. A file written by someone else in the
    // meantime is left for the next check to find.
    void rememberFileAfterCommit();

private:
    // What the database file looks like from outside SQLite, read through SQLite's own file handle (opening and
    // closing a descriptor of our own would drop SQLite's POSIX locks on it), and the WAL index's mark of the
    // checkpoints (its salts and how many frames are backfilled), which moves whenever a checkpoint ends.
    struct FileMark {
        std::array<unsigned char, 100> header{};
        std::int64_t size = 0;
        std::int64_t modifiedNs = 0;
        std::array<std::uint32_t, 3> checkpoints{};
        bool sameFileAs(const FileMark& other) const {
            return header == other.header && size == other.size && modifiedNs == other.modifiedNs;
        }
    };
    // False when it cannot be told now (not a WAL database, a checkpoint halfway, or the VFS does not say).
    bool readFileMark(FileMark& mark);
    // True when the file was written by someone other than SQLite since the last look; moves the mark on after a
    // checkpoint.
    bool overwrittenInPlace();
    Database(std::unique_ptr<SQLite::Database> db, std::filesystem::path file);
    void configureAndMigrate();
    // Refuses another application's file and a damaged one (StorageError NotOurs, Damaged); writes nothing.
    void checkOursAndWhole(int schemaVersion);

    std::unique_ptr<SQLite::Database> db_;
    std::filesystem::path file_;
    std::string kioskId_;
    std::string openedFile_;  // the file's real name (a file: URI resolved); empty in memory
    std::uint64_t openedDevice_ = 0;
    std::uint64_t openedInode_ = 0;
    bool replaced_ = false;
    bool overwritten_ = false;
    bool haveFileMark_ = false;
    FileMark fileMark_;
};

// Milliseconds since the Unix epoch, UTC: the one time format of every *_at column.
std::int64_t nowUnixMs();

}  // namespace vk::storage

#include "storage/database.h"

#include "storage/migrations.h"
#include "storage/record_id.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <system_error>

#include <sys/stat.h>

namespace vk::storage {
namespace {

constexpr int kBusyTimeoutMs = 5000;

std::string describe(const std::filesystem::path& file) { return "« " + file.string() + " »"; }

StorageError readOnly(const std::filesystem::path& file) {
    return StorageError(StorageError::Kind::ReadOnly, "the database " + describe(file) +
                                                          " is read-only for the kiosk. Nothing was changed: give the "
                                                          "kiosk's user write access to the file and its folder.");
}

// Turns SQLite's error into the sentence a technician needs; the file itself is never touched here.
StorageError explain(const SQLite::Exception& e, const std::filesystem::path& file) {
    switch (e.getErrorCode()) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return StorageError(StorageError::Kind::Damaged,
                            "the database " + describe(file) +
                                " is damaged or is not a village-kiosk database (" + e.what() +
                                "). It was left as it is, and nothing more is written to it: restore the last backup "
                                "(village-kiosk backup) or move the file aside to start empty.");
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return StorageError(StorageError::Kind::ReadOnly,
                            "the database " + describe(file) +
                                " cannot be written (read-only file, folder or disk). Nothing was changed: give the "
                                "kiosk's user write access to the file and its folder.");
    default:
        return StorageError(StorageError::Kind::Unavailable,
                            "the database " + describe(file) + " cannot be used: " + e.what());
    }
}

// The database holds personal data: only the kiosk's user may read it, its side files or its copies. SQLite
// creates its files 0644 whatever the umask, so the mode is set after the fact. Where the kiosk may not change a
// mode (a file it does not own, a FAT stick), the file keeps the one it has.
void restrictToOwner(const std::filesystem::path& file) {
    std::error_code ignored;
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ignored);
}

void restrictWithSideFiles(const std::string& file) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ignored;
        if (std::filesystem::exists(file + suffix, ignored)) restrictToOwner(file + suffix);
    }
}

void removeWithSideFiles(const std::filesystem::path& file) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ignored;
        std::filesystem::remove(file.string() + suffix, ignored);
    }
}

// Creates the data folder (and any missing parent) with the folder itself open to the kiosk's user only.
void createDataFolder(const std::filesystem::path& folder) {
    std::error_code ec;
    if (folder.has_parent_path()) std::filesystem::create_directories(folder.parent_path(), ec);
    if (!ec && std::filesystem::create_directory(folder, ec))
        std::filesystem::permissions(folder, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace,
                                     ec);
    if (ec)
        throw StorageError(StorageError::Kind::Unavailable,
                           "cannot create the data folder « " + folder.string() + " »: " + ec.message());
}

std::string readOrCreateKioskId(SQLite::Database& db) {
    SQLite::Statement select(db, "SELECT value FROM kiosk_meta WHERE key = 'kiosk_id'");
    if (select.executeStep()) return select.getColumn(0).getString();
    std::string id = newRecordId(nowUnixMs());
    SQLite::Statement insert(db, "INSERT INTO kiosk_meta(key, value) VALUES ('kiosk_id', ?)");
    insert.bind(1, id);
    insert.exec();
    return id;
}

}  // namespace

std::int64_t nowUnixMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Database::Database(std::unique_ptr<SQLite::Database> db, std::filesystem::path file)
    : db_(std::move(db)), file_(std::move(file)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

int Database::latestSchemaVersion() { return allMigrations().back().version; }

int Database::schemaVersion() const { return db_->execAndGet("PRAGMA user_version").getInt(); }

std::int64_t Database::dataVersion() { return db_->execAndGet("PRAGMA data_version").getInt64(); }

Database Database::open(const std::filesystem::path& file) {
    if (file.has_parent_path() && !file.string().starts_with("file:")) createDataFolder(file.parent_path());
    std::unique_ptr<SQLite::Database> db;
    try {
        db = std::make_unique<SQLite::Database>(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE |
                                                                   SQLite::OPEN_URI | SQLite::OPEN_FULLMUTEX,
                                                kBusyTimeoutMs);
    } catch (const SQLite::Exception& e) {
        throw explain(e, file);
    }
    Database database(std::move(db), file);
    database.configureAndMigrate();
    return database;
}

Database Database::openInMemory() {
    Database database(std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE),
                      ":memory:");
    database.configureAndMigrate();
    return database;
}

void Database::configureAndMigrate() {
    try {
        // Reading the header first tells a damaged file from a good one before anything is written.
        const int current = schemaVersion();
        const int latest = latestSchemaVersion();
        if (current > latest)
            throw StorageError(StorageError::Kind::TooNew,
                               "the database " + describe(file_) + " has schema version " + std::to_string(current) +
                                   ", newer than this village-kiosk understands (" + std::to_string(latest) +
                                   "). It was left as it is: install the newer village-kiosk that wrote it.");
        checkOursAndWhole(current);
        if (sqlite3_db_readonly(db_->getHandle(), "main") == 1)
            throw readOnly(file_);

        // sqlite3_db_filename resolves a file: URI too; it is empty for an in-memory database.
        const char* mainFile = sqlite3_db_filename(db_->getHandle(), "main");
        const std::string realFile = mainFile ? mainFile : "";
        if (!realFile.empty()) restrictWithSideFiles(realFile);
        if (struct stat opened{}; !realFile.empty() && ::stat(realFile.c_str(), &opened) == 0) {
            openedFile_ = realFile;
            openedDevice_ = static_cast<std::uint64_t>(opened.st_dev);
            openedInode_ = static_cast<std::uint64_t>(opened.st_ino);
        }
        db_->exec("PRAGMA journal_mode = WAL");
        // Again: switching to WAL has just created the -wal and -shm files, with SQLite's own mode.
        if (!realFile.empty()) restrictWithSideFiles(realFile);
        // FULL: a commit survives a power cut, which a counter PC on a shared socket will meet.
        db_->exec("PRAGMA synchronous = FULL");
        db_->exec("PRAGMA foreign_keys = ON");

        if (current > 0 && current < latest && file_ != ":memory:") {
            // Keep the pre-migration state next to the database, so an upgrade can always be undone.
            backupTo(file_.string() + ".before-schema-v" + std::to_string(latest));
        }
        migrateTo(*db_, latest);
        // New files, and ours from before the id was written, are marked now.
        if (db_->execAndGet("PRAGMA application_id").getInt() != kApplicationId)
            db_->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        kioskId_ = readOrCreateKioskId(*db_);
        haveFileMark_ = !openedFile_.empty() && readFileMark(fileMark_);
    } catch (const SQLite::Exception& e) {
        // A WAL database that SQLite could open only read-only cannot be read either without writing its -shm
        // file: the first read fails with "unable to open database file". What the technician must change is the
        // write access, so that is what is said.
        if (e.getErrorCode() == SQLITE_CANTOPEN && sqlite3_db_readonly(db_->getHandle(), "main") == 1)
            throw readOnly(file_);
        throw explain(e, file_);
    }
}

void Database::checkOursAndWhole(int schemaVersion) {
    const int applicationId = db_->execAndGet("PRAGMA application_id").getInt();
    const int tables =
        db_->execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").getInt();
    // A file of ours from before the id: a schema version and the table every version has.
    const bool oursWithoutId = applicationId == 0 && schemaVersion >= 1 && db_->tableExists("kiosk_meta");
    const bool empty = applicationId == 0 && schemaVersion == 0 && tables == 0;
    if (applicationId != kApplicationId && !oursWithoutId && !empty)
        throw StorageError(StorageError::Kind::NotOurs,
                           "the file " + describe(file_) + " is an SQLite database of another application (" +
                               (applicationId != 0 ? "application id " + std::to_string(applicationId)
                                                   : std::to_string(tables) + " tables, none of village-kiosk's") +
                               "). It was left as it is: point the kiosk at its own data folder (--data-dir, "
                               "storage.data_dir) or move the file aside.");
    if (empty) return;
    // quick_check reads every page (not the indexes against their tables, which integrity_check adds at a cost
    // that grows with the data): one overwritten page is found here, before a single write goes into the file.
    SQLite::Statement check(*db_, "PRAGMA quick_check(5)");
    std::string problems;
    while (check.executeStep()) {
        const std::string line = check.getColumn(0).getString();
        if (line == "ok") break;
        problems += (problems.empty() ? "" : "; ") + line;
    }
    if (!problems.empty())
        throw StorageError(StorageError::Kind::Damaged,
                           "the database " + describe(file_) + " is damaged (" + problems +
                               "). It was left as it is, and nothing more is written to it: restore the last backup "
                               "(village-kiosk backup) or move the file aside to start empty.");
}

namespace {

sqlite3_file* mainFileOf(SQLite::Database& db) {
    sqlite3_file* file = nullptr;
    if (sqlite3_file_control(db.getHandle(), "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
        !file->pMethods || file->pMethods->iVersion < 2 || !file->pMethods->xShmMap || !file->pMethods->xShmLock)
        return nullptr;
    return file;
}

std::uint32_t bigEndianAt(const std::array<unsigned char, 100>& header, std::size_t at) {
    return (std::uint32_t{header[at]} << 24) | (std::uint32_t{header[at + 1]} << 16) |
           (std::uint32_t{header[at + 2]} << 8) | std::uint32_t{header[at + 3]};
}

}  // namespace

bool Database::readFileMark(FileMark& mark) {
    sqlite3_file* file = mainFileOf(*db_);
    if (!file) return false;
    // Holding the checkpoint lock, no checkpoint (of this connection, another one here or another process) is
    // halfway: the file and the WAL index agree. A checkpoint running now: not now, the next look will tell.
    constexpr int kCheckpointLock = 1;
    if (file->pMethods->xShmLock(file, kCheckpointLock, 1, SQLITE_SHM_LOCK | SQLITE_SHM_EXCLUSIVE) != SQLITE_OK)
        return false;
    bool readable = false;
    struct stat now {};
    mark.header.fill(0);
    const int read = file->pMethods->xRead(file, mark.header.data(), static_cast<int>(mark.header.size()), 0);
    // Bytes 18 and 19 are 2 in a WAL database: a file in another journal mode has no WAL index to look at.
    if ((read == SQLITE_OK || read == SQLITE_IOERR_SHORT_READ) && mark.header[18] == 2 &&
        ::stat(openedFile_.c_str(), &now) == 0) {
        mark.size = static_cast<std::int64_t>(now.st_size);
        mark.modifiedNs = static_cast<std::int64_t>(now.st_mtim.tv_sec) * 1'000'000'000 + now.st_mtim.tv_nsec;
        // The WAL index this connection has mapped: its header's salts (offset 32, 8 bytes) change when the WAL
        // starts over, nBackfill (offset 96) when a checkpoint has copied frames into the database file.
        volatile void* region = nullptr;
        if (file->pMethods->xShmMap(file, 0, 32 * 1024, 0, &region) == SQLITE_OK && region) {
            const volatile unsigned char* index = static_cast<const volatile unsigned char*>(region);
            for (std::size_t word = 0; word < mark.checkpoints.size(); ++word) {
                unsigned char bytes[4];
                const std::size_t at = word < 2 ? 32 + 4 * word : 96;
                for (std::size_t i = 0; i < 4; ++i) bytes[i] = index[at + i];
                std::memcpy(&mark.checkpoints[word], bytes, sizeof bytes);
            }
            readable = true;
        }
    }
    file->pMethods->xShmLock(file, kCheckpointLock, 1, SQLITE_SHM_UNLOCK | SQLITE_SHM_EXCLUSIVE);
    return readable;
}

bool Database::overwrittenInPlace() {
    FileMark now;
    if (!readFileMark(now)) return false;
    if (!haveFileMark_) {
        fileMark_ = now;
        haveFileMark_ = true;
        return false;
    }
    if (!now.sameFileAs(fileMark_)) {
        // Only a checkpoint writes into a WAL database's file, and what it writes is a page 1 of ours: our
        // application id, a file change counter (offset 24) that never goes back.
        if (now.checkpoints == fileMark_.checkpoints) return true;
        if (bigEndianAt(now.header, 68) != static_cast<std::uint32_t>(kApplicationId) ||
            bigEndianAt(now.header, 24) < bigEndianAt(fileMark_.header, 24))
            return true;
    }
    fileMark_ = now;
    return false;
}

void Database::rememberFileAfterCommit() {
    if (openedFile_.empty() || replaced_ || !haveFileMark_) return;
    FileMark now;
    if (!readFileMark(now)) return;
    if (now.sameFileAs(fileMark_) || now.checkpoints != fileMark_.checkpoints) fileMark_ = now;
}

void Database::checkStillItsFile() {
    if (openedFile_.empty()) return;
    if (!replaced_) {
        struct stat now {};
        const bool sameFile = ::stat(openedFile_.c_str(), &now) == 0 &&
                              static_cast<std::uint64_t>(now.st_dev) == openedDevice_ &&
                              static_cast<std::uint64_t>(now.st_ino) == openedInode_;
        if (sameFile && !overwrittenInPlace()) return;
        replaced_ = true;
        overwritten_ = sameFile;
        if (overwritten_) {
            // The file at the path is someone else's now: this connection's commits must not go into it, neither
            // when it closes (SQLite checkpoints then) nor at the next start (which would replay the -wal into it).
            sqlite3_db_config(db_->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
            std::error_code ignored;
            std::filesystem::rename(openedFile_ + "-wal", openedFile_ + "-wal.before-overwrite", ignored);
        } else {
            try {
                db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (const SQLite::Exception&) {
                // Busy or failing: the commits stay in the -wal, beside the path, as they would after a power cut.
            }
        }
        db_->exec("PRAGMA query_only = ON");
    }
    if (overwritten_)
        throw StorageError(StorageError::Kind::Replaced,
                           "the database file " + describe(file_) +
                               " was overwritten in place (another file copied over it) while the kiosk was running. "
                               "Nothing more is written into it, and what the kiosk wrote since its last checkpoint "
                               "was kept beside it (« -wal.before-overwrite »): restart the kiosk (systemctl restart "
                               "village-kiosk) so that it opens the file now at that place.");
    throw StorageError(StorageError::Kind::Replaced,
                       "the database file " + describe(file_) +
                           " was moved, replaced or deleted while the kiosk was running. Nothing more is written "
                           "into the file the kiosk had open (its changes until then are in it, wherever it was "
                           "moved): restart the kiosk (systemctl restart village-kiosk) so that it opens the file "
                           "now at that place.");
}

void Database::backupTo(const std::filesystem::path& destination) {
    std::filesystem::path target = destination;
    std::error_code ec;
    if (std::filesystem::is_directory(target, ec)) {
        const std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        char name[64];
        std::strftime(name, sizeof name, "village-kiosk-%Y%m%d-%H%M%S.db", &local);
        target /= name;
    }
    const std::filesystem::path partial = target.string() + ".partial";
    removeWithSideFiles(partial);
    // Whatever goes wrong, the half-made copy goes too: a failed backup leaves nothing behind.
    try {
        {
            SQLite::Database copy(partial.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            restrictToOwner(partial);
            SQLite::Backup backup(copy, *db_);
            backup.executeStep(-1);
            const std::string check = copy.execAndGet("PRAGMA integrity_check").getString();
            if (check != "ok")
                throw StorageError(StorageError::Kind::BackupFailed,
                                   "cannot back up to « " + target.string() +
                                       " »: the copy failed its integrity check, so the database itself may be "
                                       "damaged (" + check + "). Nothing was written.");
        }
        std::filesystem::rename(partial, target);
    } catch (const StorageError&) {
        removeWithSideFiles(partial);
        throw;
    } catch (const SQLite::Exception& e) {
        removeWithSideFiles(partial);
        throw StorageError(StorageError::Kind::BackupFailed,
                           "cannot back up to « " + target.string() + " »: " + e.what());
    } catch (const std::filesystem::filesystem_error& e) {
        removeWithSideFiles(partial);
        throw StorageError(StorageError::Kind::BackupFailed,
                           "cannot back up to « " + target.string() + " »: " + e.code().message());
    }
}

}  // namespace vk::storage

import Foundation
@testable import Pipeline
import Testing

/// Where `etl` finds the division tables: the data folder named by ETL_DATA_DIR, a clone's
/// `data/regions`, an installed `share/gov-disclosure-etl/regions`.
@Suite struct RegionDataTests {
    @Test func theTablesAreFound() throws {
        let root = try Support.temporaryFolder("regions")
        let clone = root.appendingPathComponent("clone")
        try FileManager.default.createDirectory(at: clone.appendingPathComponent("data/regions"), withIntermediateDirectories: true)
        try Data().write(to: clone.appendingPathComponent("data/regions/areacodes.csv"))
        try FileManager.default.createDirectory(at: clone.appendingPathComponent(".build/release"), withIntermediateDirectories: true)
        let built = clone.appendingPathComponent(".build/release/etl")
        #expect(RegionData.locate(environment: [:], executable: built)?.path == clone.appendingPathComponent("data/regions").path)

        let prefix = root.appendingPathComponent("usr")
        let share = prefix.appendingPathComponent("share/gov-disclosure-etl/regions")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        try Data().write(to: share.appendingPathComponent("areacodes.csv"))
        #expect(RegionData.locate(environment: [:], executable: prefix.appendingPathComponent("bin/etl"))?.path == share.path)

        #expect(RegionData.locate(environment: ["ETL_DATA_DIR": "/srv/etl-data"], executable: built)?.path == "/srv/etl-data/regions")
        #expect(RegionData.locate(environment: [:], executable: URL(fileURLWithPath: "/nonexistent/bin/etl")) == nil)
        // The running test binary is in a clone: the shipped tables.
        #expect(RegionData.locate(environment: [:])?.lastPathComponent == "regions")
    }
}

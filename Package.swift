// swift-tools-version:6.0
// The ETL pipeline for Chinese government information-disclosure annual reports
// (政府信息公开工作年度报告). One module per stage; `Pipeline` drives them; `etl` is the CLI.
import PackageDescription

let package = Package(
    name: "gov-disclosure-etl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "etl", targets: ["etl"]),
        .executable(name: "etl-gen", targets: ["etl-gen"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System libraries, found through pkg-config (Debian: libopencc-dev, libzstd-dev).
        .systemLibrary(
            name: "COpenCC", pkgConfig: "opencc",
            providers: [.apt(["libopencc-dev"])]),
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CLibZ", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CUchardet", pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CXlsxWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),

        // Byte-level and system-call code shared by the modules: hashing through the system's
        // OpenSSL, the Linux file-system calls Swift's Glibc does not import.
        .target(name: "CFileSystem"),
        // poppler-cpp behind a C interface: a PDF's words with their boxes (Debian libpoppler-cpp-dev).
        .target(name: "CPDF", linkerSettings: [.linkedLibrary("poppler-cpp")]),
        .target(name: "SystemBytes", dependencies: ["COpenSSL", "CFileSystem"]),

        // The domain vocabulary: sections, table templates, keys, labels, identities.
        .target(name: "ReportModel", dependencies: ["SystemBytes"]),

        // Stage 1: bytes -> decoded text + metadata.
        .target(
            name: "Ingest",
            dependencies: [
                "ReportModel", "CUchardet", "CLibXML2", "CCmarkGFM", "CPDF",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // Stage 2: pinyin annotations, traditional -> simplified, artefacts, full-width forms.
        .target(name: "ScriptNormalization", dependencies: ["COpenCC", "ReportModel"]),
        // Stage 3: preamble + sections 1-6.
        .target(name: "SectionSegmentation", dependencies: ["ReportModel"]),
        // Stage 4: tables 二, 三, 四 and their accounting identities.
        .target(name: "TableExtraction", dependencies: ["ReportModel"]),
        // Stage 5: contract CSV files, zstd-compressed, and the manifest.
        .target(
            name: "Output",
            dependencies: ["ReportModel", "CZstd", "CLibZ", "CXlsxWriter", "SystemBytes"]),

        // Who reported and where: agency names against the national division tables.
        .target(name: "Regions", dependencies: ["ReportModel", "SystemBytes"]),
        // Across reports: the text against the tables, one year against the next, coverage.
        .target(name: "Consistency", dependencies: ["ReportModel", "Output", "SystemBytes"]),

        // The per-report core: the stage sequence, declared once (the driver and the benchmarks run it).
        .target(
            name: "ReportCore",
            dependencies: [
                "ReportModel", "Ingest", "ScriptNormalization", "SectionSegmentation", "TableExtraction", "SystemBytes",
                "Regions", "Consistency",
            ]),
        // The batch driver: config, files, cache, concurrency, errors.
        .target(
            name: "Pipeline",
            dependencies: [
                "ReportModel", "ReportCore", "Ingest", "ScriptNormalization", "Output", "Regions", "Consistency",
                "SystemBytes",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // `etl bench-stages`: the stages timed, and the libraries alone; only `etl` links this.
        .target(
            name: "Benchmarks",
            dependencies: ["Pipeline", "ReportCore", "ReportModel", "Ingest", "ScriptNormalization", "Output", "SystemBytes", "Regions"]),
        .executableTarget(
            name: "etl",
            dependencies: [
                "Pipeline", "Output", "Benchmarks", "ReportModel", "Ingest", "ScriptNormalization", "TableExtraction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        .testTarget(
            name: "IngestTests", dependencies: ["Ingest", "ReportModel", "Pipeline", "ScriptNormalization", "CorpusGenerator"],
            exclude: ["Fixtures"]),
        .testTarget(name: "ScriptNormalizationTests", dependencies: ["ScriptNormalization", "ReportModel"]),
        .testTarget(name: "SectionSegmentationTests", dependencies: ["SectionSegmentation", "ReportModel"]),
        .testTarget(
            name: "TableExtractionTests",
            dependencies: [
                "TableExtraction", "ReportModel", "CorpusGenerator",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        // Generated reports with known answers, for benchmarks and round-trip tests (issue 7).
        .target(
            name: "CorpusGenerator",
            dependencies: ["ReportModel", "ScriptNormalization", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .executableTarget(
            name: "etl-gen",
            dependencies: ["CorpusGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "OutputTests", dependencies: ["Output", "ReportModel", "CorpusGenerator"]),
        .testTarget(name: "RegionsTests", dependencies: ["Regions", "Consistency", "ReportModel", "CorpusGenerator"]),
        .testTarget(
            name: "CorpusGeneratorTests",
            dependencies: ["CorpusGenerator", "Pipeline", "Benchmarks", "ReportModel", "ScriptNormalization"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "ReportModel", "Ingest", "ScriptNormalization", "Output", "CorpusGenerator"],
            resources: [.copy("Fixtures")]),
    ]
)

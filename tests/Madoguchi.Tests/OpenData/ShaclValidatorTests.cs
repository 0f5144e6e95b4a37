using Madoguchi.OpenData.Dcat;

namespace Madoguchi.Tests.OpenData;

/// <summary>The SHACL checker finds each kind of break the DCAT-AP shapes describe, so "zero violations" means something.</summary>
public sealed class ShaclValidatorTests
{
    private const string Valid = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix spdx: <http://spdx.org/rdf/terms#> .

        <https://example.jp/catalog> a dcat:Catalog ;
            dct:title "テスト市 オープンデータ"@ja ;
            dct:description "一覧"@ja ;
            dct:publisher <https://example.jp/catalog#publisher> ;
            dcat:dataset <https://example.jp/ds> .
        <https://example.jp/catalog#publisher> a foaf:Agent ; foaf:name "テスト市"@ja .
        <https://example.jp/ds> a dcat:Dataset ;
            dct:title "避難場所"@ja ;
            dct:description "説明"@ja ;
            dcat:keyword "避難"@ja , "防災"@ja ;
            dct:issued "2026-04-01T00:00:00Z"^^xsd:dateTime ;
            dct:publisher <https://example.jp/catalog#publisher> ;
            dcat:contactPoint _:contact ;
            dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2026-04-01"^^xsd:date ] ;
            dcat:distribution <https://example.jp/ds/csv> .
        _:contact a vcard:Kind ; vcard:fn "危機管理課"@ja .
        <https://example.jp/ds/csv> a dcat:Distribution ;
            dcat:accessURL <https://example.jp/ds/csv/download> ;
            dcat:byteSize "1024"^^xsd:decimal ;
            dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> .
        <http://publications.europa.eu/resource/authority/file-type/CSV> a dct:MediaTypeOrExtent .
        """;

    private static IReadOnlyList<ShaclViolation> Check(string turtle) => ShaclValidator.DcatAp.Validate(TurtleReader.Read(turtle));

    private static ShaclViolation Single(string turtle)
    {
        var violations = Check(turtle);
        Assert.True(violations.Count == 1, string.Join('\n', violations));
        return violations[0];
    }

    [Fact]
    public void The_reference_graph_conforms()
    {
        Assert.Empty(Check(Valid));
    }

    [Fact]
    public void A_dataset_without_a_title_breaks_minCount()
    {
        var v = Single(Valid.Replace("dct:title \"避難場所\"@ja ;", ""));
        Assert.Equal(("sh:MinCountConstraintComponent", "http://purl.org/dc/terms/title", "https://example.jp/ds"), (v.Component, v.Path, v.Focus.Value));
    }

    [Fact]
    public void A_catalogue_with_two_publishers_breaks_maxCount_and_one_without_breaks_minCount()
    {
        var two = Single(Valid.Replace("dct:publisher <https://example.jp/catalog#publisher> ;\n    dcat:dataset", "dct:publisher <https://example.jp/catalog#publisher> , <https://example.jp/catalog#publisher2> ;\n    dcat:dataset")
            + "<https://example.jp/catalog#publisher2> a foaf:Agent ; foaf:name \"別\"@ja .");
        Assert.Equal(("sh:MaxCountConstraintComponent", "https://example.jp/catalog"), (two.Component, two.Focus.Value));
        var none = Check(Valid.Replace("    dct:publisher <https://example.jp/catalog#publisher> ;\n    dcat:dataset", "    dcat:dataset"));
        Assert.Contains(none, v => v.Component == "sh:MinCountConstraintComponent" && v.Focus.Value == "https://example.jp/catalog" && v.Path == "http://purl.org/dc/terms/publisher");
    }

    [Fact]
    public void A_distribution_without_an_access_url_breaks_minCount()
    {
        var v = Single(Valid.Replace("dcat:accessURL <https://example.jp/ds/csv/download> ;", ""));
        Assert.Equal(("sh:MinCountConstraintComponent", "http://www.w3.org/ns/dcat#accessURL"), (v.Component, v.Path));
    }

    [Fact]
    public void A_date_as_plain_text_breaks_the_date_or_datetime_node_shape()
    {
        var v = Single(Valid.Replace("\"2026-04-01T00:00:00Z\"^^xsd:dateTime", "\"2026年4月1日\""));
        Assert.Equal(("sh:NodeConstraintComponent", "http://purl.org/dc/terms/issued"), (v.Component, v.Path));
        // Typed but not a date: ill-formed literals fail sh:datatype too.
        Assert.Equal("sh:NodeConstraintComponent", Single(Valid.Replace("\"2026-04-01\"^^xsd:date", "\"2026-13-40\"^^xsd:date")).Component);
    }

    [Fact]
    public void A_contact_point_that_is_not_a_vcard_breaks_sh_class()
    {
        var v = Single(Valid.Replace("_:contact a vcard:Kind ;", "_:contact a foaf:Agent ; foaf:name \"x\" ;"));
        Assert.Equal(("sh:ClassConstraintComponent", "http://www.w3.org/ns/dcat#contactPoint"), (v.Component, v.Path));
    }

    [Fact]
    public void A_keyword_that_is_an_IRI_breaks_sh_nodeKind_and_a_bad_byte_size_breaks_sh_datatype()
    {
        Assert.Equal("sh:NodeKindConstraintComponent", Single(Valid.Replace("\"防災\"@ja", "<https://example.jp/tag/bousai>")).Component);
        var size = Single(Valid.Replace("\"1024\"^^xsd:decimal", "\"1 KB\"^^xsd:decimal"));
        Assert.Equal(("sh:DatatypeConstraintComponent", "http://www.w3.org/ns/dcat#byteSize"), (size.Component, size.Path));
        Assert.Equal("sh:DatatypeConstraintComponent", Single(Valid.Replace("\"1024\"^^xsd:decimal", "\"1024\"")).Component);
    }

    [Fact]
    public void A_sha256_checksum_breaks_sh_hasValue_of_the_2_1_1_checksum_shape()
    {
        var v = Single(Valid.Replace("dcat:byteSize", "spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue \"ab12\"^^xsd:hexBinary ] ;\n    dcat:byteSize"));
        Assert.Equal(("sh:HasValueConstraintComponent", "http://spdx.org/rdf/terms#algorithm"), (v.Component, v.Path));
    }

    [Fact]
    public void The_shapes_file_holds_the_node_shapes_of_the_release_and_unknown_constraints_are_refused()
    {
        var shapes = TurtleReader.Read(new StreamReader(typeof(ShaclValidator).Assembly.GetManifestResourceStream("Madoguchi.OpenData.Dcat.dcat-ap-2.1.1-shapes.ttl")!).ReadToEnd());
        var nodeShapes = shapes.Subjects(Ns.Type, Term.Iri(Ns.Sh + "NodeShape")).ToList();
        Assert.Equal(16, nodeShapes.Count);
        Assert.Equal(14, nodeShapes.Count(s => shapes.Object(s, Ns.Sh + "targetClass") is not null));
        var dataset = nodeShapes.Single(s => shapes.Object(s, Ns.Sh + "targetClass")?.Value == Ns.Dcat + "Dataset");
        Assert.Equal(35, shapes.Objects(dataset, Ns.Sh + "property").Count());

        var withPattern = TurtleReader.Read("@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:s> a sh:NodeShape ; sh:pattern \"x\" .");
        Assert.Throws<NotSupportedException>(() => new ShaclValidator(withPattern));
    }
}

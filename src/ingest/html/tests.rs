//! The HTML importer on pages written for the tests: what is kept, what is dropped.

use super::entities::decode_entities;
use super::*;

const PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某镇2021年法治政府建设年度报告_某县人民政府</title>
<style>.x{color:red}</style><script>var a = "<p>不是正文</p>";</script></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/x">通知公告</a></div>
<div class="main">
  <h1 class="title">某镇2021年法治政府建设年度报告</h1>
  <div class="info">
<span>索引号：11500000-2021-001</span> <span>发布日期：2022-01-10</span>
<span>来源：某镇人民政府</span> <span>浏览次数：356</span>
  </div>
  <div class="font">字号：<a>大</a> <a>中</a> <a>小</a></div>
  <div class="TRS_Editor">
<p>&nbsp;&nbsp;2021年，某镇坚持以习近平新时代中国特色社会主义思想为指导&#12290;</p>
<p>一、主要举措和成效<br>（一）深入学习宣传习近平法治思想。全年开展专题学习12次&#x3002;</p>
<table><tr><td>项目</td><td>次数</td></tr><tr><td>普法宣传</td><td>30</td></tr></table>
<p>二、存在的不足和原因</p><p>法治宣传形式单一。</p>
  </div>
  <div class="share">分享到：<a>微信</a> <a>微博</a></div>
  <div>【打印本页】【关闭窗口】</div>
</div>
<div class="footer">版权所有：某县人民政府 网站标识码 5001</div>
<script>document.write("统计代码");</script>
</body></html>"#;

#[test]
fn article_text_without_page_furniture() {
    let text = furniture::strip(&extract(PAGE).unwrap()).text;
    let want = "某镇2021年法治政府建设年度报告\n\n2021年，某镇坚持以习近平新时代中国特色社会主义思想为指导。\n一、主要举措和成效\n（一）深入学习宣传习近平法治思想。全年开展专题学习12次。\n项目\t次数\n普法宣传\t30\n二、存在的不足和原因\n法治宣传形式单一。\n";
    assert_eq!(text, want);
}

#[test]
fn without_a_named_container_the_text_block_wins() {
    let page = "<html><body><div><a>首页</a> <a>新闻中心</a></div><div><div><p>第一段正文内容，我镇坚持依法行政。</p><p>第二段正文内容，全年开展普法宣传活动。</p></div></div><p>发布时间：2021-01-01</p></body></html>";
    let text = furniture::strip(&extract(page).unwrap()).text;
    assert_eq!(
        text,
        "第一段正文内容，我镇坚持依法行政。\n第二段正文内容，全年开展普法宣传活动。\n"
    );
}

#[test]
fn script_only_page_is_refused() {
    let err = extract(
        "<html><head><script>var x = 1;</script></head><body><script>go()</script></body></html>",
    )
    .unwrap_err();
    assert!(err.to_string().contains("no article text"), "{err}");
}

#[test]
fn entities_and_lenient_markup() {
    assert_eq!(
        decode_entities("a&nbsp;b&amp;c&#12290;&#x3002;&unknown;&nbspd"),
        "a\u{A0}b&c。。&unknown;\u{A0}d"
    );
    let text =
        extract("<p>未闭合段落一<p>段落二<br/>换行<div title='a>b'>属性里有尖括号</div>").unwrap();
    assert_eq!(text, "未闭合段落一\n段落二\n换行\n属性里有尖括号\n");
}

#[test]
fn charset_is_read_from_meta() {
    let page =
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">";
    assert_eq!(declared_encoding(page).map(|e| e.name()), Some("GBK"));
    assert_eq!(
        declared_encoding(b"<meta charset='utf-8'>").map(|e| e.name()),
        Some("UTF-8")
    );
    assert_eq!(declared_encoding(b"<p>none</p>"), None);
}

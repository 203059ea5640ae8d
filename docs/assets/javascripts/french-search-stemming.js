/*
 * French stemming for the words a reader types in the search box.
 *
 * Material's search worker appends a wildcard to every query term ("recrutements"
 * becomes "recrutements*") and lunr does not stem wildcard terms, while the index
 * holds stems only ("recrut"). So stemmed search never matched a typed word in another
 * form. This patch, loaded inside the worker right after Material's own code (see
 * guide-search.*.min.js, written by hooks/guide_hooks.py), stems the word before the
 * wildcard: "recrutements*" -> "recrut*", which matches "recruter" and "recrutement".
 *
 * It also folds accents after stemming, in the index and in the query alike, so that
 * "incoherents" finds "incohérents": many readers type without accents.
 */
(function (lunr) {
  if (!lunr || !lunr.Index || lunr.Index.prototype.__guideFrenchStemming) return
  var query = lunr.Index.prototype.query

  lunr.Index.prototype.query = function (build) {
    var pipeline = this.pipeline // the index's search pipeline (French stemmer)
    return query.call(this, function (q) {
      var clause = q.clause
      q.clause = function (spec) {
        if (spec && spec.usePipeline === false && typeof spec.term === "string" && /^[^*]{2,}\*$/.test(spec.term)) {
          var stems = pipeline.runString(spec.term.slice(0, -1))
          if (stems.length === 1 && stems[0]) spec.term = stems[0] + "*"
        }
        return clause.call(this, spec)
      }
      build.call(q, q)
    })
  }
  lunr.Index.prototype.__guideFrenchStemming = true

  var foldAccents = function (token) {
    return token.update(function (text) {
      return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    })
  }
  lunr.Pipeline.registerFunction(foldAccents, "guideFoldAccents")

  // Material builds its index with this.use(lunr.fr): add the folding right after the stemmer.
  var use = lunr.Builder.prototype.use
  lunr.Builder.prototype.use = function (plugin) {
    var result = use.apply(this, arguments)
    if (lunr.fr && plugin === lunr.fr) {
      this.pipeline.add(foldAccents)
      this.searchPipeline.add(foldAccents)
    }
    return result
  }
})(self.lunr)

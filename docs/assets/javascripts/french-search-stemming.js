/*
 * French stemming, stop words and synonyms for the words a reader types in the search box.
 *
 * Loaded inside Material's search worker right after Material's own code, by the wrapper
 * guide-search.*.min.js that guide/search.py writes, after guide-search-synonyms.js.
 *
 * - Stemming: Material appends a wildcard to every query term ("recrutements*") and lunr
 *   does not stem wildcard terms, while the index holds stems only ("recrut"). We stem the
 *   word before the wildcard: "recrutements*" -> "recrut*", which matches "recruter".
 * - Accents: folded after stemming, in the index and in the query alike ("incoherents"
 *   finds "incohérents"). The stem of a word typed without its accents can differ
 *   ("maturite" -> "maturit", "maturité" -> "matur"), so an accented word is also indexed
 *   under the stem of its unaccented form.
 * - Numbers stay in the index ("50 employés"): lunr's French trimmer dropped them. A number
 *   typed without its thousands' spaces ("80000") is searched as the guide writes it ("80 000").
 * - Stop words ("un", "d'", "quels") are not in the index: they are left out of the query,
 *   the last one too (« quelqu'un » ends with « un »), instead of matching every word they
 *   start ("un*" -> "unique") and being highlighted all over the page opened. A stop word
 *   alone in the box is searched (the start of a word being typed: "ma" -> "marketing").
 * - A finished word (all but the last, and the last one when it is a word of the index) finds
 *   its own stem first, the longer words it starts at half weight: « interne » is not
 *   « international ».
 * - Slips: a word that starts no term of the index is searched for the terms one letter away
 *   (two from eight letters): « marketting » finds « marketing ».
 * - Question words and fillers ("comment", "pourquoi", "faut") are stop words of the query too.
 * - A heading several pages share is indexed with its page's title after it (guide/search.py), as a second
 *   text of the field that the results never show: « Un exemple chiffré » of the ROI calculator is found by
 *   « exemple roi ».
 * - A block of a page (a card, a divergence, a step) with an id is a result of its own (guide/search.py, « item »),
 *   its text also in the section around it: it decides where the result opens, never which pages come first.
 * - Readers' questions (self.guideSearchWords, from each page's « recherche »: never shown): a result whose
 *   question is like the one typed (their words' stems in common) weighs more.
 * - Typed words are split as the index splits its text, punctuation around them left out: "qu'est-ce",
 *   "50%", "meme," and "?" reached the search whole, matched nothing and counted as words not found.
 * - Head counts (self.guideSearchHeadcounts, from the glossary and frameworks/phases.yml): a
 *   number typed with a word for employees ("35 salariés") also searches, with a lower boost,
 *   for the name of the phase whose range holds it ("Structuration initiale").
 * - Synonyms (self.guideSearchSynonyms, from frameworks/glossaire.yml): a query that
 *   contains every word of an expression of a group also searches, with a lower boost, for
 *   the words of the group's "guide" expressions (of all of them when it has none).
 * - « Non trouvé » and the highlight (?h=): Material counts a typed word as found only if
 *   a matched index term starts with the word as typed, which a stem ("signal" for
 *   "signaux") or a synonym never does. So each result's match data also gets the typed
 *   word as a key (with no positions) when the word's stem or one of its synonyms matched.
 */
(function (lunr) {
  if (!lunr || !lunr.Index || lunr.Index.prototype.__guideFrenchStemming) return
  // A synonym counts less than the word the reader typed: 0.4 of it (scripts/benchmark --recherche, tuning half: 0.3
  // and 0.6 or more found fewer answers first once stop words and punctuation no longer counted as words)
  var SYNONYM_BOOST = 0.4
  // The readers' questions (self.guideSearchWords, from each page's « recherche »): a result whose question is like
  // the one typed (the share of their words in common, w) is weighed 1 + 3 w, when w is at least 0.2; a page's
  // questions count for its sections too (scripts/benchmark --recherche, tuning half: 1 + w and 1 + 5 w found fewer
  // answers first; below 0.2, one common word in a long question moved results that have nothing to do with it;
  // a page's questions for its top only sent questions about a section to the page's top).
  var WORDS_WEIGHT = 3
  var WORDS_LIKENESS_MIN = 0.2
  // … and gains 0.5 w of the best result's score: a long question in a reader's words (« on a des tableaux avec le
  // trafic … mais personne ne s'en sert pour décider ») shares few words with the page that answers it, whose score
  // then stayed far below the pages holding its common words, whatever it was multiplied by (tuning sets: top-3
  // 173 -> 176 of 200 answers, top-1 132 -> 131; 0.25 and 1 found fewer).
  var WORDS_SCORE_SHARE = 0.5
  // Material ranks a page's top (its title and introduction) above its sections: after the search, it multiplies
  // a page's score by up to 5 and a section's by up to 2. A section is where an answer is: weighed twice here,
  // it competes with the pages on equal terms (measured with scripts/benchmark --recherche).
  var SECTION_WEIGHT = 2
  // Material indexes without length normalisation (b = 0): a long text matched for one common word as much as
  // a short section about it. Lunr's default (0.75) weighs a match by the text's length.
  var LENGTH_NORMALISATION = 0.75
  var PREFIX_BOOST = 0.5 // a finished word matching a longer one (its stem as a prefix) counts half
  var TYPO_MIN_LENGTH = 5 // shorter words are left as typed: one letter changes too much of them
  var TYPO_TWO_LETTERS = 8 // from this stem length, two letters may differ

  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
  }
  // Words of a question that say nothing of its subject, beyond lunr's French stop words: question words
  // (« comment » favoured every page whose title asks « Comment … ? »), modal verbs and fillers. Not « quand »
  // nor « combien », which ask about a moment and an amount (synonyms: frameworks/glossaire.yml). Nor the words
  // that say what kind of answer is wanted (« définition », « différence »): they matched every title asking « Quelle
  // différence entre … ? » or reading « Définition », which came first for terms they never name.
  // Then the function words of the common French stop word list (ranks.nl, the list of Lucene's French analyzer)
  // that lunr's list lacks (« tout », « chaque », « alors »): searched, they counted as much as the subject's words
  // in Material's share of the typed words a result holds. The list's nouns (début, état, mot, sujet…) stay words.
  var QUESTION_WORDS = {}
  ;("comment pourquoi quoi où lequel laquelle lesquels lesquelles dont faut faudrait fallait doit dois doivent " +
    "devrait devrais devraient peut peux peuvent pourrait pourrais pourraient faire fais fait font ça ca cela " +
    "vraiment exactement quelqu chose choses " +
    "définition définitions definition definitions différence différences difference differences signifie " +
    "signification " +
    "alors aucuns aussi autre avant car ceux chaque ci comme dedans dehors depuis donc elles encore faites fois " +
    "hors juste là maintenant moins ni nommés parce peu plupart seulement si sien tandis tellement tels tous tout " +
    "très voient vont vu").split(" ").forEach(function (word) { QUESTION_WORDS[word] = true })
  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu // what is not a letter nor a digit around a word (« 50% », « ? »)
  var isStopWord = function (word) {
    return word.length < 2 || QUESTION_WORDS[word] === true || (!!lunr.fr && !lunr.fr.stopWordFilter(word))
  }

  // Material (for « Non trouvé ») and lunr parse the query alike: leave out the stop words, but one that is alone.
  var parse = lunr.QueryParser.prototype.parse
  lunr.QueryParser.prototype.parse = function () {
    var query = parse.call(this), clauses = query.clauses
    // « +10 % », « -25 % »: a reader's signed figure, not lunr's « must » and « must not » (a required « 10 »
    // that no page holds left no result at all).
    clauses.forEach(function (clause) {
      if (clause.presence !== lunr.Query.presence.OPTIONAL && /^\d/.test(clause.term)) {
        clause.presence = lunr.Query.presence.OPTIONAL
      }
    })
    // Words as the index splits them: the query lexer splits at spaces and hyphens only, so « qu'est »,
    // « 50% », « meme, » and « ? » reached the search whole, found nothing and counted as typed words not found.
    // Material also repeats a word in several forms (« lui-meme,* lui-meme* »): each word once here.
    var words = [], seen = Object.create(null)
    clauses.forEach(function (clause) {
      var wildcard = /\*$/.test(clause.term)
      var text = clause.term.replace(/^\*+|\*+$/g, "").replace(/^(\d+?)((?:\d{3})+)$/, function (all, head, groups) {
        return all.length < 5 ? all : head + " " + groups.replace(/(\d{3})(?=\d)/g, "$1 ") // « 80000 »: « 80 000 »
      })
      text.split(lunr.tokenizer.separator).forEach(function (piece) {
        piece = piece.replace(EDGES, "")
        var term = piece + (wildcard ? "*" : "")
        if (!piece || seen[term + clause.presence]) return
        seen[term + clause.presence] = true
        var copy = {}
        Object.keys(clause).forEach(function (key) { copy[key] = clause[key] })
        copy.term = term
        words.push(copy)
      })
    })
    var kept = words.filter(function (clause) {
      var optional = clause.presence === undefined || clause.presence === lunr.Query.presence.OPTIONAL
      return !(optional && isStopWord(clause.term.replace(/\*$/, "")))
    })
    query.clauses = kept.length || !words.length ? kept : words.slice(-1)
    return query
  }

  // Each synonym group as expressions of words, each word as its possible stems (typed with or without accents).
  var expressionStems = function (index, expression) {
    return expression.split(lunr.tokenizer.separator).filter(function (word) { // as the index splits: "MarTech" -> "Mar", "Tech"
      return word && !isStopWord(word.toLowerCase())
    }).map(function (word) {
      word = word.toLowerCase()
      return [index.pipeline.runString(word)[0], index.pipeline.runString(fold(word))[0]]
    }).filter(function (stems) { return stems[0] && stems[1] })
  }
  var synonymGroups = function (index) {
    if (index.__guideSynonyms) return index.__guideSynonyms
    var words = function (expression) { return expressionStems(index, expression) }
    return index.__guideSynonyms = (self.guideSearchSynonyms || []).map(function (group) {
      var guide = (group.guide || []).map(words)
      return { from: group.mots.map(words).concat(guide), to: guide.length ? guide : group.mots.map(words) }
    })
  }

  // Head counts (self.guideSearchHeadcounts, from the glossary and phases.yml): the words that make a number a
  // head count, and each phase's range with its name's words, as stems.
  var headcounts = function (index) {
    if (index.__guideHeadcounts) return index.__guideHeadcounts
    var data = self.guideSearchHeadcounts || {}
    return index.__guideHeadcounts = {
      words: (data.mots || []).map(function (expression) { return expressionStems(index, expression) }),
      ranges: (data.tranches || []).map(function (range) {
        return { min: range.min, max: range.max === null ? Infinity : range.max,
                 words: [].concat.apply([], range.mots.map(function (expression) { return expressionStems(index, expression) })) }
      })
    }
  }

  // The readers' questions as stems of their words (stop words left out), once per index.
  var readersQuestions = function (index) {
    if (index.__guideQuestions) return index.__guideQuestions
    var found = [], data = self.guideSearchWords || {}
    Object.keys(data).forEach(function (location) {
      data[location].forEach(function (text) {
        var stems = Object.create(null)
        text.split(lunr.tokenizer.separator).forEach(function (word) {
          word = word.replace(EDGES, "").toLowerCase()
          if (!word || isStopWord(word)) return
          var stem = index.pipeline.runString(word)[0]
          if (stem) stems[stem] = true
        })
        if (Object.keys(stems).length) found.push({ location: location, stems: Object.keys(stems) })
      })
    })
    return index.__guideQuestions = found
  }

  var hasPrefix = function (index, stem) {
    return index.tokenSet.intersect(lunr.TokenSet.fromString(stem + "*")).toArray().length > 0
  }

  lunr.Index.prototype.search = function (queryString) {
    var index = this
    var words = [] // the reader's words: {word: as Material sees it, stems: [{stem, prefix}]}
    var results = this.query(function (q) {
      new lunr.QueryParser(queryString, q).parse()
      var typed = Object.create(null) // stem -> the reader's words with that stem
      var complete = [] // the stems of the words the reader has finished (all but the last)
      var last = q.clauses.length - 1
      q.clauses.forEach(function (clause, position) {
        var prefix = /^[^*]+\*$/.test(clause.term)
        var word = clause.term.replace(/^\*|\*$/g, "") // Material's clause term: wildcards removed
        var stem = word
        if (prefix && word.length >= 2) {
          var stems = index.pipeline.runString(word)
          if (stems.length === 1 && stems[0]) clause.term = (stem = stems[0]) + "*"
          // A word no term of the index starts with, typed with a slip (« marketting », « recylage »): the
          // index's terms one letter away (two for a long word) instead.
          if (word.length >= TYPO_MIN_LENGTH && !/\d/.test(word) && !hasPrefix(index, stem)) {
            clause.term = stem
            clause.editDistance = stem.length >= TYPO_TWO_LETTERS ? 2 : 1
          }
        } else if (!prefix && clause.usePipeline) {
          stem = index.pipeline.runString(word)[0] || word // lunr stems this clause itself
        }
        if (clause.presence === lunr.Query.presence.PROHIBITED) return
        // A finished word (a space typed after it, or the last word when it already is a word of the index) is
        // that word: its own stem counts fully, the longer words it starts (« intern » -> « international ») less.
        var finished = position < last || index.invertedIndex[stem] !== undefined
        if (prefix && finished && clause.editDistance === undefined && /\*$/.test(clause.term)) {
          clause.boost = (clause.boost || 1) * PREFIX_BOOST
          complete.push(stem)
        }
        var entry = { word: word, stems: [{ stem: stem, prefix: prefix }] }
        words.push(entry)
        ;(typed[stem] = typed[stem] || []).push(entry)
      })

      complete.forEach(function (stem) {
        q.clause({ term: stem, usePipeline: false, boost: 1 - PREFIX_BOOST, wildcard: lunr.Query.wildcard.NONE })
      })

      // Synonyms: an expression whose every word was typed adds the words of its group's guide expressions.
      var added = Object.create(null)
      var typedStem = function (stems) { return stems.filter(function (stem) { return typed[stem] })[0] }
      var addClause = function (stems, entries) {
        entries.forEach(function (entry) { entry.stems.push({ stem: stems[0], prefix: false }) })
        if (added[stems[0]]) return
        added[stems[0]] = true
        q.clause({ term: stems[0], usePipeline: false, boost: SYNONYM_BOOST })
      }

      // A head count in figures (« 35 salariés »): the name of the phase whose range holds it.
      var counts = headcounts(index)
      if (counts.words.some(function (expression) { return expression.length && expression.every(typedStem) })) {
        words.forEach(function (entry) {
          if (!/^\d+$/.test(entry.word)) return
          var count = parseInt(entry.word, 10)
          counts.ranges.forEach(function (range) {
            if (count < range.min || count > range.max) return
            range.words.forEach(function (stems) { if (!typedStem(stems)) addClause(stems, [entry]) })
          })
        })
      }

      synonymGroups(index).forEach(function (group) {
        group.from.forEach(function (expression) {
          if (!expression.length || !expression.every(typedStem)) return
          group.to.forEach(function (target) {
            target.forEach(function (stems) {
              if (typedStem(stems)) return
              addClause(stems, [].concat.apply([], expression.map(function (own) { return typed[typedStem(own)] })))
            })
          })
        })
      })
    })

    results.forEach(function (result) {
      if (result.ref.indexOf("#") !== -1) result.score *= SECTION_WEIGHT
      var metadata = result.matchData.metadata, keys = Object.keys(metadata), seen = {}
      // An accented word's two index stems share its positions: keep each position once, or it is marked twice.
      keys.forEach(function (key) {
        Object.keys(metadata[key]).forEach(function (field) {
          var match = metadata[key][field]
          if (match.position) match.position = match.position.filter(function (position) {
            return !seen[field + position] && (seen[field + position] = true)
          })
        })
      })
      // The typed word is found when its stem (as a prefix) or one of its synonyms matched.
      words.forEach(function (entry) {
        if (entry.word in metadata) return
        var found = keys.some(function (key) {
          return entry.stems.some(function (s) { return s.prefix ? key.indexOf(s.stem) === 0 : key === s.stem })
        })
        if (found) metadata[entry.word] = {} // no field positions: highlighting is unchanged
      })
    })
    var items = index.__guideItems || {} // a block's location -> the location of the section around it
    // The readers' questions: each result weighed by the one most like the question typed (its words' stems).
    var questions = readersQuestions(index)
    if (questions.length) {
      var asked = Object.create(null), askedCount = 0
      words.forEach(function (entry) {
        var stem = entry.stems[0].stem
        if (!asked[stem]) { asked[stem] = true; askedCount += 1 }
      })
      var related = Object.create(null) // the synonyms of the typed words: a question holding one is like it too
      words.forEach(function (entry) {
        entry.stems.slice(1).forEach(function (s) { if (!asked[s.stem]) related[s.stem] = true })
      })
      var likeness = Object.create(null)
      questions.forEach(function (question) {
        var common = 0
        question.stems.forEach(function (stem) {
          if (asked[stem]) common += 1
          else if (related[stem]) common += SYNONYM_BOOST // a synonym counts as in the search: 0.4 of a typed word
        })
        var share = common / (askedCount + question.stems.length - common)
        if (share > (likeness[question.location] || 0)) likeness[question.location] = share
      })
      // A block's questions (a card, a divergence, a step: its « item » in the index) count for the section around
      // it too, whose text holds the block's: otherwise the block's questions only chose where its page opens, and a
      // question only a block's readers' words are like (« des stagiaires pour l'international ») left its page
      // below others (scripts/benchmark --recherche: tuning half top-3 103 -> 105 of 110, second tuning set 73 ->
      // 77 of 90, validation set 90 -> 92 of 100).
      Object.keys(likeness).forEach(function (location) {
        var around = items[location]
        if (around !== undefined && likeness[location] > (likeness[around] || 0)) likeness[around] = likeness[location]
      })
      var best = results.reduce(function (top, result) { return Math.max(top, result.score) }, 0)
      results.forEach(function (result) {
        // A page's own questions raise the page and each of its sections (the answer is somewhere in it); a
        // section's raise that section.
        var share = Math.max(likeness[result.ref] || 0, likeness[result.ref.split("#")[0]] || 0)
        if (share >= WORDS_LIKENESS_MIN) result.score = result.score * (1 + WORDS_WEIGHT * share) + best * WORDS_SCORE_SHARE * share
      })
    }

    // A block takes the place of the section around it when it holds every word that section matched (or scores
    // higher), and stays below it otherwise, once Material has weighed both by the share of the typed words each
    // holds (a page's top counts one more): its page keeps its rank among the others.
    var byRef = Object.create(null)
    var materialWeight = function (result) {
      var keys = result.matchData.metadata
      var share = words.length ? words.filter(function (entry) { return entry.word in keys }).length / words.length : 0
      var weight = (result.ref.indexOf("#") === -1 ? 1 : 0) + share
      return 1 + weight * weight
    }
    results.forEach(function (result) { byRef[result.ref] = result })
    results.forEach(function (result) {
      var around = byRef[items[result.ref]]
      if (items[result.ref] === undefined || around === undefined) return
      var own = result.matchData.metadata
      var whole = Object.keys(around.matchData.metadata).every(function (term) { return term in own })
      var level = around.score * materialWeight(around) / materialWeight(result)
      result.score = whole || result.score > level ? level * (1 + 1e-9) : result.score
    })
    return results.sort(function (a, b) { return b.score - a.score })
  }
  lunr.Index.prototype.__guideFrenchStemming = true

  var foldAccents = function (token) {
    return token.update(fold)
  }
  lunr.Pipeline.registerFunction(foldAccents, "guideFoldAccents")

  // Index only: stem, fold, and also the stem of the unaccented word when it differs.
  var indexStems = function (token) {
    var unaccented = lunr.fr.stemmer(new lunr.Token(fold(token.toString()))).toString()
    var stem = foldAccents(lunr.fr.stemmer(token))
    return stem.toString() === unaccented ? stem : [stem, stem.clone(function () { return unaccented })]
  }
  lunr.Pipeline.registerFunction(indexStems, "guideIndexStems")

  // A section whose heading several pages share (« La formule », « Un exemple chiffré », an FAQ question) has its
  // page's title in the index (guide/search.py, « page_title »): its title is indexed with the page's after it, a
  // second text of the field, which Material's tokenizer keeps apart and its highlighter leaves out, so the results
  // show the section's title as it is.
  var PAGE_TITLE_KEY = "page_title"
  var field = lunr.Builder.prototype.field
  lunr.Builder.prototype.field = function (name, attributes) {
    if (name === "title") {
      var extract = (attributes && attributes.extractor) || function (doc) { return doc.title }
      attributes = Object.assign({}, attributes, { extractor: function (doc) {
        var value = extract(doc), page = doc[PAGE_TITLE_KEY]
        return typeof value === "string" && typeof page === "string" ? [value, page] : value
      } })
    }
    return field.call(this, name, attributes)
  }

  // A block of a page (a card, a step: guide/search.py, « item ») is a section of the index of its own, and its text
  // is also in the section around it, whose location its « item » key holds. It decides where a result opens, never
  // which pages come first: scored above the section around it, it takes that section's place, just before it;
  // otherwise it stays below. Its length is left out of the average length the scores are normalised by (dozens
  // of short blocks lowered the average, and every long section ranked lower for the same words).
  var ITEM_KEY = "item"
  var add = lunr.Builder.prototype.add
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (doc && typeof doc[ITEM_KEY] === "string") {
      (this.__guideItems = this.__guideItems || Object.create(null))[doc[this._ref]] = doc[ITEM_KEY]
    }
    return add.call(this, doc, attributes)
  }
  var build = lunr.Builder.prototype.build
  lunr.Builder.prototype.build = function () {
    var index = build.call(this)
    index.__guideItems = this.__guideItems || Object.create(null)
    return index
  }
  var averageLengths = lunr.Builder.prototype.calculateAverageFieldLengths
  lunr.Builder.prototype.calculateAverageFieldLengths = function () {
    var items = this.__guideItems, all = this.fieldLengths
    if (!items) return averageLengths.call(this)
    var kept = {}
    Object.keys(all).forEach(function (key) {
      if (!items[lunr.FieldRef.fromString(key).docRef]) kept[key] = all[key]
    })
    this.fieldLengths = kept
    try { averageLengths.call(this) } finally { this.fieldLengths = all }
  }

  // Material builds its index with this.use(lunr.fr): keep digits in the trimmer, stem as above.
  var use = lunr.Builder.prototype.use, trimmer
  lunr.Builder.prototype.use = function (plugin) {
    var result = use.apply(this, arguments)
    if (lunr.fr && plugin === lunr.fr) {
      this.b(LENGTH_NORMALISATION) // Material set b(0) just before
      if (!trimmer) {
        trimmer = lunr.trimmerSupport.generateTrimmer(lunr.fr.wordCharacters + "0-9")
        lunr.Pipeline.registerFunction(trimmer, "guideTrimmer")
      }
      this.pipeline.before(lunr.fr.trimmer, trimmer)
      this.pipeline.remove(lunr.fr.trimmer)
      this.pipeline.before(lunr.fr.stemmer, indexStems)
      this.pipeline.remove(lunr.fr.stemmer)
      this.searchPipeline.add(foldAccents)
    }
    return result
  }
})(self.lunr)
